import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLab } from '../lab-planner';
import { loadTemplate } from './load-template';
import { parseTemplate } from './parse-template';
import type { TemplateIssue } from '../template-model';

function issues(text: string): TemplateIssue[] {
  try {
    parseTemplate(text, '/labs/x/compose.yaml', () => '', { processEnv: {} });
  } catch (e) {
    return (e as { issues: TemplateIssue[] }).issues;
  }
  throw new Error('loaded');
}

describe('network_mode and pid: service:X', () => {
  it("joins X's first container by name, after it in the waves, without networks or ports of its own", async () => {
    const t = await loadTemplate(join(__dirname, '..', 'fixtures', 'shared-ns', 'compose.yaml'));
    expect(t.unsupported).toEqual([]);
    const plan = planLab(t, 'ns');
    const side = plan.containers.find((c) => c.service === 'sidecar')!;
    expect(side.create.HostConfig).toMatchObject({ NetworkMode: 'container:ns-web-1', PidMode: 'container:ns-web-1' });
    expect(side.create.NetworkingConfig).toBeUndefined();
    expect(side.create.Hostname).toBeUndefined();
    expect(side.extraNetworks).toEqual([]);
    expect(side.after).toEqual(['ns-web-1']);
    expect(plan.waves[0]).toEqual(['web']);
    expect(plan.waves[1]).toContain('sidecar');
  });

  it('refuses a service that is not in the lab, a cycle, ports beside a shared network, and host namespaces', () => {
    const text = [
      'services:',
      '  a:',
      '    image: redis:7.2',
      '    network_mode: service:ghost',
      '  b:',
      '    image: redis:7.2',
      '    pid: service:c',
      '  c:',
      '    image: redis:7.2',
      '    network_mode: service:b',
      '    ports: ["8080:80"]',
      '  d:',
      '    image: redis:7.2',
      '    pid: host',
      '',
    ].join('\n');
    expect(issues(text).map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      '4:19 network_mode: service:ghost names ghost, which is not a service of this lab',
      '10:5 dependency cycle: b -> c -> b',
      '11:5 `ports` cannot be set with network_mode: service:b: the service uses b\'s network',
      '14:10 Labdeck does not support `pid: host`',
    ]);
  });
});
