// Compiles the `labdeck` command line (main/cli/main.ts) to out/cli/main.mjs with esbuild, so that a
// command starts without compiling TypeScript (bin/labdeck.mjs falls back to tsx in a checkout whose
// sources are newer). Packages stay external (node_modules is there at run time, native modules
// included); each dynamic import becomes its own chunk, loaded only by the command that needs it.
// Chunks sit beside main.mjs: the core's import.meta.url-relative paths (main/core/package-paths.ts)
// assume a file two folders below the package root.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}out/cli`;
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'main/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// bin/labdeck.mjs compares these sources' times with main.mjs's: an edited checkout runs its sources through tsx.
writeFileSync(`${outdir}/inputs.json`, `${JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')))}\n`);
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs')).reduce((n, [, o]) => n + o.bytes, 0);
process.stdout.write(`labdeck CLI compiled: out/cli/main.mjs and ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs')).length - 1} chunks, ${(bytes / 1024).toFixed(0)} kB\n`);
