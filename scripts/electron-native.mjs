#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron/, leaving node_modules with
// the Node build that `npm test` and the CLI use. main/electron/native-binding.ts loads it.
// Needs Electron's headers (downloaded by node-gyp on first build, then cached).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, '.native', 'electron');
const stamp = join(outDir, 'stamp.json');
const want = JSON.stringify({ electronVersion, sqliteVersion });

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(outDir, 'better_sqlite3.node'))) {
  process.exit(0);
}

const work = join(root, '.native', 'build', 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });

const gyp = process.env.npm_config_node_gyp || require.resolve('node-gyp/bin/node-gyp.js');
console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`);
const env = { ...process.env, npm_config_nodedir: '' };
const res = spawnSync(
  process.execPath,
  [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit', env },
);
if (res.status !== 0) process.exit(res.status ?? 1);
mkdirSync(outDir, { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
writeFileSync(stamp, want);
console.log(`wrote ${join(outDir, 'better_sqlite3.node')}`);
