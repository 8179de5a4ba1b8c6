import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TemplateInvalidError } from './load-template';

let root: string;
let lab: string;

const COMPOSE = `services:
  app:
    image: node:20-bookworm-slim
    command: node /srv/app.js --port 3000
    env_file:
      - ./app.env
      - { path: ./optional.env, required: false }
    environment:
      LOG_LEVEL: debug
    configs:
      - source: app_conf
        target: /etc/app/app.conf
    ports: ["3000:3000"]
configs:
  app_conf:
    file: ./conf/app.conf
x-labdeck:
  title: Node app
  rules: [alerts.yml]
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'labdeck-template-'));
  lab = join(root, 'Node-App');
  mkdirSync(join(lab, 'conf'), { recursive: true });
  writeFileSync(join(lab, 'compose.yaml'), COMPOSE);
  writeFileSync(join(lab, 'app.env'), '# settings\nLOG_LEVEL=info\nGREETING="hello world"\n\nexport PORT=3000\n');
  writeFileSync(join(lab, 'conf', 'app.conf'), 'listen = 3000\n');
  writeFileSync(join(lab, 'alerts.yml'), 'groups: []\n');
  writeFileSync(join(root, 'outside.txt'), 'secret\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadTemplate', () => {
  it('loads a template with a config file and env files beside it', async () => {
    const t = await loadTemplate(join(lab, 'compose.yaml'));
    expect(t.file).toBe(join(lab, 'compose.yaml'));
    expect(t.name).toBe('node-app');
    expect(t.meta.title).toBe('Node app');
    expect(t.meta.rules).toEqual([{ name: 'alerts.yml', content: 'groups: []\n' }]);
    expect(t.configs).toEqual([{ name: 'app_conf', content: 'listen = 3000\n' }]);
    const [app] = t.services;
    expect(app.command).toEqual(['node', '/srv/app.js', '--port', '3000']);
    expect(app.environment).toEqual({ LOG_LEVEL: 'debug', GREETING: 'hello world', PORT: '3000' });
    expect(app.configs).toEqual([{ source: 'app_conf', target: '/etc/app/app.conf' }]);
    expect(app.ports).toEqual([{ host: 3000, container: 3000, protocol: 'tcp' }]);
  });

  it('accepts the folder and finds compose.yaml in it', async () => {
    const t = await loadTemplate(lab);
    expect(t.file).toBe(join(lab, 'compose.yaml'));
  });

  it('fails with TEMPLATE_INVALID when the file is missing', async () => {
    const missing = join(root, 'nope', 'compose.yaml');
    const err = await loadTemplate(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateInvalidError);
    expect((err as TemplateInvalidError).code).toBe('TEMPLATE_INVALID');
    expect((err as TemplateInvalidError).message).toContain(`${missing}:1:1: cannot read the template: no such file`);
  });

  it('refuses a sibling that is a symlink out of the template folder', async () => {
    const dir = join(root, 'sneaky');
    mkdirSync(dir);
    symlinkSync(join(root, 'outside.txt'), join(dir, 'leak.conf'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n    configs: [c]\nconfigs:\n  c:\n    file: leak.conf\n');
    const err = (await loadTemplate(join(dir, 'compose.yaml')).catch((e: unknown) => e)) as TemplateInvalidError;
    expect(err).toBeInstanceOf(TemplateInvalidError);
    expect(err.issues).toEqual([
      expect.objectContaining({ line: 7, col: 11, path: 'configs.c.file', message: expect.stringContaining('outside the template folder') }),
    ]);
  });
});
