import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from './load-template';
import { parseTemplate } from './parse-template';
import type { TemplateIssue } from '../template-model';

const FIXTURES = join(__dirname, '..', 'fixtures');

function reader(files: Record<string, string>): (name: string) => string {
  return (name) => {
    if (name in files) return files[name];
    throw Object.assign(new Error(`ENOENT: ${name}`), { code: 'ENOENT' });
  };
}

function problems(text: string, files: Record<string, string> = {}): TemplateIssue[] {
  try {
    parseTemplate(text, '/labs/x/compose.yaml', reader(files), { processEnv: {} });
  } catch (e) {
    return (e as { issues: TemplateIssue[] }).issues;
  }
  throw new Error('the template loaded');
}

const where = (i: TemplateIssue) => `${i.file.replace('/labs/x/', '')}:${i.line}:${i.col} ${i.message}`;

describe('extends', () => {
  it('merges a base service from the same file and from another file by the spec merge rules', async () => {
    const t = await loadTemplate(join(FIXTURES, 'extends', 'compose.yaml'), { envFiles: [] });
    expect(t.unsupported).toEqual([]);
    const web = t.services.find((s) => s.name === 'web')!;
    // Mappings merge key by key; the local side wins.
    expect(web.environment).toEqual({ MODE: 'web', KEEP: '1' });
    // Sequences append; command is replaced; healthcheck merges but keeps the base test.
    expect(web.ports.map((p) => [p.host ?? 0, p.container])).toEqual([[0, 6379], [6401, 6379]]);
    expect(web.command).toEqual(['redis-server']);
    expect(web.healthcheck).toMatchObject({ test: ['CMD', 'redis-cli', 'ping'], intervalMs: 2000 });
    expect(web.capAdd).toEqual(['NET_ADMIN']);
    // volumes are unique by target: the local /data replaces the base's.
    expect(web.mounts.map((m) => [m.source, m.target])).toEqual([['web-data', '/data']]);
    const worker = t.services.find((s) => s.name === 'worker')!;
    expect(worker.image).toBe('node:20-bookworm-slim');
    // The base's env_file and bind mount are relative to common/, where they are written.
    expect(worker.environment).toEqual({ APP_PORT: '3000', ROLE: 'worker' });
    expect(worker.mounts[0].source).toBe(join(FIXTURES, 'extends', 'common', 'data'));
    expect(worker.labels).toEqual({ team: 'core', tier: 'app' });
    expect(worker.capDrop).toEqual(['ALL']);
  });

  it('refuses cycles, unknown bases and files outside the folder, each located where it is written', () => {
    const text = [
      'services:',
      '  a: { extends: b }',
      '  b: { extends: a }',
      '  c: { extends: nope, image: redis:7.2 }',
      '  d: { extends: { file: ../up.yaml, service: x }, image: redis:7.2 }',
      '  e: { extends: { file: lib.yaml, service: broken } }',
      '',
    ].join('\n');
    const lib = ['services:', '  broken:', '    image: redis:7.2', '    restart: sometimes', ''].join('\n');
    expect(problems(text, { 'lib.yaml': lib }).map(where)).toEqual(
      expect.arrayContaining([
        'compose.yaml:2:8 extends goes round in a cycle: compose.yaml b -> compose.yaml a -> compose.yaml b',
        'compose.yaml:3:8 extends goes round in a cycle: compose.yaml a -> compose.yaml b -> compose.yaml a',
        'compose.yaml:4:8 extends names nope, which is not a service of compose.yaml',
        'compose.yaml:5:17 ../up.yaml is outside the template folder',
        // A problem in the base is reported in the base's file, at its line.
        'lib.yaml:4:14 restart "sometimes" must be no, always, on-failure or unless-stopped',
      ]),
    );
  });

  it('refuses a chain deeper than 32 (hostile input would recurse past the stack)', () => {
    const lines = ['services:', '  s0: { image: redis:7.2 }'];
    for (let i = 1; i <= 40; i++) lines.push(`  s${i}: { extends: s${i - 1} }`);
    const found = problems(lines.join('\n') + '\n').map(where);
    // s33 to s40 are each more than 32 deep; each is reported at its own extends.
    expect(found.filter((m) => m.includes('deep'))).toEqual(Array.from({ length: 8 }, (_, i) => `compose.yaml:${35 + i}:10 extends goes more than 32 services deep`));
  });

  it('a change to the extended file changes the trust fingerprint', () => {
    const text = 'services:\n  a: { extends: { file: lib.yaml, service: b } }\n';
    const one = parseTemplate(text, '/labs/x/compose.yaml', reader({ 'lib.yaml': 'services:\n  b: { image: redis:7.2 }\n' }), { processEnv: {} });
    const two = parseTemplate(text, '/labs/x/compose.yaml', reader({ 'lib.yaml': 'services:\n  b: { image: redis:7.2, privileged: true }\n' }), { processEnv: {} });
    expect(one.sha256).not.toBe(two.sha256);
    expect(two.unsupported.map(where)).toEqual(['lib.yaml:2:26 Labdeck does not support `privileged`']);
  });
});

describe('include', () => {
  it('brings in services and secrets with paths and .env relative to the included file, env_file relative to the includer', async () => {
    const dir = join(FIXTURES, 'include');
    const t = await loadTemplate(join(dir, 'compose.yaml'));
    expect(t.services.map((s) => [s.name, s.image])).toEqual([
      ['api', 'node:20-bookworm-slim'],
      ['db', 'postgres:16'],
      ['cache', 'redis:7.2'],
    ]);
    const db = t.services.find((s) => s.name === 'db')!;
    expect(db.mounts[0]).toMatchObject({ type: 'bind', source: join(dir, 'db', 'init'), readOnly: true });
    expect(t.secrets).toEqual([{ name: 'dbpass', content: 'pg-s3cret\n' }]);
    expect(t.warnings).toEqual([]);
  });

  it('refuses a service defined by both files, an include cycle and a missing file, located at the include entry', () => {
    const text = ['include:', '  - other.yaml', '  - loop.yaml', '  - path: gone.yaml', 'services:', '  db: { image: redis:7.2 }', ''].join('\n');
    const files = {
      'other.yaml': 'services:\n  db: { image: postgres:16 }\nmodels: {}\n',
      'loop.yaml': 'include: [compose.yaml]\nservices:\n  l: { image: redis:7.2 }\n',
      'compose.yaml': text,
    };
    expect(problems(text, files).map(where)).toEqual(
      expect.arrayContaining([
        'compose.yaml:2:5 service db of other.yaml is also defined in compose.yaml',
        'other.yaml:3:1 Labdeck does not support `models`',
        'loop.yaml:1:11 include goes round in a cycle: compose.yaml -> loop.yaml -> compose.yaml',
        'compose.yaml:4:5 cannot read gone.yaml beside the template: no such file',
      ]),
    );
  });
});
