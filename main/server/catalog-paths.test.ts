import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, codeOf, exchange, startTestConsole, type TestConsole } from '../testing/console-test-kit';

/** The owner's folders stay the owner's: observers and trainees get the catalog by name. */
let c: TestConsole;

beforeAll(async () => {
  c = await startTestConsole();
  for (const [name, text] of [['web', 'services:\n  web: { image: nginx:1 }\n'], ['broken', 'services:\n  web: { image: 7 }\n']]) {
    mkdirSync(join(c.dataDir, 'labs', name), { recursive: true });
    writeFileSync(join(c.dataDir, 'labs', name, 'compose.yaml'), text);
  }
});

afterAll(async () => {
  await c?.close();
});

describe('labs.templates by role', () => {
  it('gives the owner the files, and an observer or a trainee names only', async () => {
    const owner = (await call(c, c.server.token, 'labs.templates')).result as { name: string; file: string }[];
    expect([...new Set(owner.map((t) => t.name))].sort()).toEqual(['broken', 'web']);
    expect(JSON.stringify(owner)).toContain(c.dataDir);
    const observer = (await exchange(c, codeOf(c.server.observerUrl))).body.result!.token;
    for (const token of [observer, c.server.mintTrainee('seat1')]) {
      const seen = (await call(c, token, 'labs.templates')).result as { name: string; file: string }[];
      expect(seen.map((t) => t.name)).toEqual(owner.map((t) => t.name));
      expect(JSON.stringify(seen)).not.toContain(c.dir);
      expect(seen.every((t) => t.file === t.name)).toBe(true);
    }
  });
});
