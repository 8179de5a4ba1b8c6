import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateCatalog } from './template-catalog';

const root = mkdtempSync(join(tmpdir(), 'labdeck-catalog-'));
const good = 'x-labdeck:\n  title: Good lab\n  tags: [a]\nservices:\n  web:\n    image: nginx:1.27\n    deploy: { replicas: 2 }\n';
for (const [dir, text] of [
  ['builtin/good', good],
  ['builtin/broken', 'services:\n  web: {}\n'],
  ['user/mine', 'services:\n  app:\n    image: redis:7.2\n'],
] as const) {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, dir.endsWith('mine') ? 'docker-compose.yml' : 'compose.yaml'), text);
}
const catalog = new TemplateCatalog({ builtIn: join(root, 'builtin'), user: join(root, 'user') });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('TemplateCatalog', () => {
  it('lists built-in and user templates, with a broken one carrying its error instead of hiding it', async () => {
    const list = await catalog.list();
    expect(list.map((t) => [t.name, t.source])).toEqual([['broken', 'built-in'], ['good', 'built-in'], ['mine', 'user']]);
    const goodOne = list.find((t) => t.name === 'good')!;
    expect(goodOne).toMatchObject({ title: 'Good lab', tags: ['a'], services: ['web'], containers: 3 });
    expect(list.find((t) => t.name === 'broken')!.error).toMatch(/compose\.yaml:\d+:\d+/);
  });

  it('resolves a name, a folder or a file, and names the known labs when nothing matches', () => {
    expect(catalog.resolve('good')).toEqual({ file: join(root, 'builtin/good/compose.yaml'), source: 'built-in' });
    expect(catalog.resolve('mine').source).toBe('user');
    expect(catalog.resolve(join(root, 'user/mine'))).toEqual({ file: join(root, 'user/mine/docker-compose.yml'), source: 'file' });
    expect(() => catalog.resolve('nope')).toThrow(/no template or compose file "nope"/);
    try {
      catalog.resolve('nope');
    } catch (e) {
      expect((e as { code: string; hint: string }).code).toBe('TEMPLATE_NOT_FOUND');
      expect((e as { hint: string }).hint).toContain('good');
    }
  });
});
