import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET } from '../../electron.vite.config';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const MANIFEST = join(OUT, '.vite/manifest.json');
type Entry = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

// `npm test` builds first; a bare `vitest run` in a fresh checkout has no build to measure.
const built = existsSync(MANIFEST);
if (!built) process.stderr.write(`\n!!! SKIPPING the initial JavaScript budget: no ${MANIFEST} (npm run build makes it) !!!\n\n`);

/** The entry chunk and every chunk it imports statically: what the browser loads before anything paints. */
function initialFiles(manifest: Record<string, Entry>): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    manifest[key].imports?.forEach(visit);
  };
  Object.entries(manifest).filter(([, e]) => e.isEntry).forEach(([k]) => visit(k));
  return [...seen].map((k) => manifest[k].file);
}

describe.skipIf(!built)("the console's built JavaScript", () => {
  const manifest = built ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Entry>) : {};

  it(`loads under ${INITIAL_JS_BUDGET / 1024} kB before the Labs page paints`, () => {
    const files = initialFiles(manifest);
    const bytes = files.reduce((n, f) => n + statSync(join(OUT, f)).size, 0);
    expect(files.length).toBeGreaterThan(0);
    expect(bytes, files.join(', ')).toBeLessThan(INITIAL_JS_BUDGET);
  });

  it('loads the terminals, the lab page (dashboards), the run room and history only when opened', () => {
    const initial = new Set(initialFiles(manifest));
    for (const page of ['src/pages/terminals-page.tsx', 'src/pages/lab-page.tsx', 'src/pages/game-days-page.tsx', 'src/pages/history-page.tsx']) {
      const entry = manifest[page];
      expect(entry, `${page} is not a chunk of its own`).toBeDefined();
      expect(initial.has(entry.file), `${page} is in the initial JavaScript`).toBe(false);
    }
  });
});
