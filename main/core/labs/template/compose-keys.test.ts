import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBindSources } from '../bind-sources';
import { planLab } from '../lab-planner';
import { loadTemplate } from './load-template';
import { parseTemplate } from './parse-template';

const FILE = join(__dirname, '..', 'fixtures', 'compose-keys', 'compose.yaml');

describe('Compose keys Labdeck runs', () => {
  it('plans container_name as an alias, secrets at /run/secrets 0400, and the runtime keys on the container', async () => {
    process.env.CMP_API_KEY = 'k-123';
    const t = await loadTemplate(FILE);
    delete process.env.CMP_API_KEY;
    expect(t.unsupported).toEqual([]);
    expect(t.services.map((s) => s.name)).toEqual(['db']);
    const db = planLab(t, 'cmp-keys').containers[0];
    expect(db.name).toBe('cmp-keys-db-1');
    expect(Object.values(db.create.NetworkingConfig?.EndpointsConfig ?? {})[0]?.Aliases).toEqual(['db', 'pgdb']);
    expect(db.files.map((f) => [f.path, f.content, f.mode.toString(8)])).toEqual([
      ['/run/secrets/db_password', 's3cret\n', '400'],
      ['/run/secrets/key.txt', 'k-123', '440'],
    ]);
    expect(db.create).toMatchObject({ StopSignal: 'SIGINT', OpenStdin: true, Tty: true, Healthcheck: { StartInterval: 500_000_000 } });
    expect(db.create.HostConfig).toMatchObject({
      Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 4096 }, { Name: 'nproc', Soft: 512, Hard: 512 }],
      ShmSize: 64 * 1024 * 1024,
      Sysctls: { 'net.core.somaxconn': '1024' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } },
    });
    expect(db.create.name).toBe('cmp-keys-db-1');
    expect(() => checkBindSources(t)).toThrow(/not-there, which does not exist \(create_host_path: false\)/);
  });

  it('--profile brings in the services of that profile', async () => {
    process.env.CMP_API_KEY = 'k';
    const t = await loadTemplate(FILE, { profiles: ['debug'] });
    delete process.env.CMP_API_KEY;
    expect(t.services.map((s) => s.name)).toEqual(['db', 'debug']);
  });

  it('refuses what would reach the host or clash: non-net sysctls, other log drivers, clashing container_name, unset secret variables', () => {
    const text = [
      'services:',
      '  a:',
      '    image: redis:7.2',
      '    container_name: b',
      '    sysctls: [kernel.shmmax=1]',
      '    logging: { driver: syslog }',
      '    secrets: [s]',
      '  b:',
      '    image: redis:7.2',
      '    depends_on: [c]',
      '  c:',
      '    image: redis:7.2',
      '    profiles: [extra]',
      'secrets:',
      '  s: { environment: CMP_NOT_SET_ANYWHERE }',
      '',
    ].join('\n');
    let messages: string[] = [];
    try {
      parseTemplate(text, '/labs/k/compose.yaml', () => '', { processEnv: {} });
    } catch (e) {
      messages = (e as { issues: { message: string }[] }).issues.map((i) => i.message);
    }
    expect(messages).toEqual(
      expect.arrayContaining([
        'container_name b is also the name of service b',
        'Labdeck sets only namespaced net.* sysctls, not `kernel.shmmax`',
        'Labdeck keeps container logs with json-file or local, not `syslog`',
        'b depends on c, which runs only with the profile extra',
        'secret s comes from the variable CMP_NOT_SET_ANYWHERE, which is not set',
      ]),
    );
  });
});
