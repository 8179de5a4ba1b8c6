import { describe, expect, it } from 'vitest';
import { parseTemplate } from './load-template';

function reader(files: Record<string, string>): (name: string) => string {
  return (name) => {
    if (name in files) return files[name];
    throw Object.assign(new Error(`ENOENT: ${name}`), { code: 'ENOENT' });
  };
}

describe('parseTemplate on plain Compose files', () => {
  it('loads a compose file without x-labdeck, titled by its sanitised folder name', () => {
    const t = parseTemplate('services:\n  app:\n    image: node:20-bookworm-slim\n', '/home/me/My_Project.v2/compose.yaml', reader({}));
    expect(t.name).toBe('my_projectv2');
    expect(t.meta).toEqual({ title: 'my_projectv2', description: '', tags: [], scrapeIntervalMs: 2000, metrics: [], rules: [], dashboards: [] });
    expect(t.services.map((s) => [s.name, s.image, s.replicas, s.restart])).toEqual([['app', 'node:20-bookworm-slim', 1, 'no']]);
    expect(t.networks).toEqual([{ name: 'default', internal: false }]);
  });

  it('lists unsupported keys with their lines instead of failing', () => {
    const text = ['services:', '  app:', '    image: app:1', '    build: { context: ., ssh: [default] }', '    privileged: true', '    deploy:', '      placement: { constraints: [] }', 'models:', '  llm: { model: ai/smollm2 }', ''].join('\n');
    const t = parseTemplate(text, '/labs/x/compose.yaml', reader({}));
    expect(t.unsupported.map((u) => [u.line, u.col, u.path, u.message])).toEqual([
      [4, 26, 'services.app.build.ssh', 'Labdeck does not support `build.ssh`'],
      [5, 5, 'services.app.privileged', 'Labdeck does not support `privileged`'],
      [7, 7, 'services.app.deploy.placement', 'Labdeck does not support `deploy.placement`'],
      [8, 1, 'models', 'Labdeck does not support `models`'],
    ]);
    expect(t.unsupported[0].file).toBe('/labs/x/compose.yaml');
  });

  it('resolves YAML merge keys, as Compose files use them for shared settings', () => {
    const text = ['x-base: &base', '  image: redis:7.2', '  restart: always', 'services:', '  a:', '    <<: *base', '  b:', '    <<: *base', '    restart: "no"', ''].join('\n');
    const t = parseTemplate(text, '/labs/merge/compose.yaml', reader({}));
    expect(t.services.map((s) => [s.name, s.image, s.restart])).toEqual([
      ['a', 'redis:7.2', 'always'],
      ['b', 'redis:7.2', 'no'],
    ]);
  });
});
