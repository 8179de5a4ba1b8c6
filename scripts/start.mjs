#!/usr/bin/env node
// `npm start`: build, then open the Electron window; where Electron cannot start (no display,
// no Electron binary) serve the browser console instead and print its URL.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

if (
  run(process.execPath, ['scripts/build-workloads.mjs']).status !== 0 ||
  run(process.execPath, [fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'build']).status !== 0
) {
  process.exit(1);
}

function whyNoElectron() {
  if (process.env.LABDECK_NO_ELECTRON === '1') return 'LABDECK_NO_ELECTRON=1';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

function electronBinary() {
  // Resolving `electron` fetches its binary on first use; bound the wait, and treat failure as "no Electron".
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const lines = (probe.stderr || probe.error?.message || 'unknown error').split('\n');
  const cause = lines.find((l) => /^(TypeError|Error):/.test(l.trim())) ?? lines.filter(Boolean).pop();
  return { error: cause.trim() };
}

function serve(reason) {
  console.log(`\nElectron cannot start here (${reason}); serving the browser console instead.\n`);
  const child = spawn(process.execPath, ['bin/labdeck.mjs', 'serve'], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const reason = whyNoElectron();
if (reason) {
  serve(reason);
} else {
  const bin = electronBinary();
  if (!bin.path) {
    serve(`the Electron binary is not available: ${bin.error}`);
  } else if (run(process.execPath, ['scripts/electron-native.mjs']).status !== 0) {
    serve('native modules could not be built for Electron (see above)');
  } else {
    const child = spawn(bin.path, ['.'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
