import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectContents, type BundleSources } from './bundle-contents';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-contents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'labs', 'a'), { recursive: true });
writeFileSync(join(dir, 'labs', 'a', 'compose.yaml'), 'services: {}\n');
writeFileSync(join(dir, 's.yaml'), 'title: s\n');

function sources(scenarioCalls: { n: number }): BundleSources {
  return {
    labs: async () => [{ name: 'a', file: join(dir, 'labs', 'a', 'compose.yaml') }],
    scenarios: async () => (scenarioCalls.n++, [{ name: 's', file: join(dir, 's.yaml'), lab: 'a' }]),
    dashboardFile: async () => undefined,
    templateNeeds: async () => ({ dashboards: [], images: ['redis:7.2'] }),
  };
}

describe('selectContents', () => {
  it('lists scenarios (slow: each is checked against every lab) only when a name is not a lab', async () => {
    const calls = { n: 0 };
    expect(await selectContents(sources(calls), ['a'], false)).toMatchObject({ labs: ['a'], scenarios: [], images: ['redis:7.2'] });
    expect(calls.n).toBe(0);
    expect(await selectContents(sources(calls), ['s'], false)).toMatchObject({ labs: ['a'], scenarios: ['s'] });
    expect(calls.n).toBe(1);
    await expect(selectContents(sources(calls), ['nope'], false)).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    expect(await selectContents(sources(calls), [], true)).toMatchObject({ labs: ['a'], scenarios: ['s'] });
  });
});
