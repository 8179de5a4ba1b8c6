import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTemplate } from '../labs/template/load-template';
import { auditReport } from './audit-report';
import { subjectsFromTemplate } from './from-template';

const EVIL = `services:
  tool:
    image: alpine
    privileged: true
    pid: host
    network_mode: host
    cap_add: [ALL]
    security_opt: [seccomp=unconfined]
    user: "0:0"
    environment:
      GITHUB_TOKEN: ghp_example
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  web:
    image: nginx:1.27
    user: "101"
    read_only: true
    tmpfs: [/tmp]
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    deploy: { resources: { limits: { memory: 64m, cpus: "0.25" } } }
    healthcheck: { test: ["CMD", "true"] }
`;

const files = () => {
  throw new Error('no sibling files');
};

describe('the template adapter', () => {
  it('reads what the template asks for, including the keys `up` refuses (privileged, host namespaces)', () => {
    const t = parseTemplate(EVIL, '/labs/evil/compose.yaml', files);
    const r = auditReport('template', t.file, subjectsFromTemplate(t, (parse(EVIL) as { services: Record<string, unknown> }).services));
    const byService = (s: string) => r.findings.filter((f) => f.service === s).map((f) => f.check).sort();
    expect(byService('tool')).toEqual([
      'cap-add', 'cap-drop-all', 'cpu-limit', 'engine-socket', 'healthcheck', 'host-namespaces', 'image-tag',
      'memory-limit', 'no-new-privileges', 'non-root-user', 'privileged', 'read-only-rootfs', 'secret-env', 'unconfined',
    ]);
    expect(r.findings.find((f) => f.check === 'host-namespaces')?.found).toBe("shares the host's network, pid namespace");
    expect(byService('web')).toEqual([]);
  });

  it('validates exceptions in x-labdeck: a known check, an existing service, a reason', () => {
    const withExceptions = (exceptions: string) => `x-labdeck:\n  title: t\n  audit:\n    exceptions:\n${exceptions}\n${EVIL}`;
    const ok = parseTemplate(withExceptions('      - { service: [tool, web], check: [privileged, cpu-limit], reason: the debugger needs the host' + ' }'), '/labs/x/compose.yaml', files);
    expect(ok.meta.auditExceptions).toHaveLength(4);
    expect(() => parseTemplate(withExceptions('      - { service: tool, check: be-safe, reason: because it is fine }'), '/labs/x/compose.yaml', files)).toThrow(/check: one or a list of cap-drop-all/);
    expect(() => parseTemplate(withExceptions('      - { service: ghost, check: privileged, reason: because it is fine }'), '/labs/x/compose.yaml', files)).toThrow(/ghost/);
    expect(() => parseTemplate(withExceptions('      - { service: tool, check: privileged }'), '/labs/x/compose.yaml', files)).toThrow(/reason is required/);
  });
});
