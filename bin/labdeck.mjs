#!/usr/bin/env node
// The `labdeck` command. It runs the compiled CLI (out/cli/main.mjs, built by `npm install`/`npm run build`)
// when that build is newer than every source it was built from; otherwise (a checkout being edited, or
// never built) it runs the TypeScript in main/cli through tsx, which compiles at each start.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function compiledIsFresh() {
  try {
    const built = statSync(new URL('out/cli/main.mjs', root)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('out/cli/inputs.json', root), 'utf8'));
    return inputs.length > 0 && inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= built);
  } catch {
    return false;
  }
}

let main;
if (process.env.LABDECK_CLI_SOURCE !== '1' && compiledIsFresh()) {
  ({ main } = await import('../out/cli/main.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
