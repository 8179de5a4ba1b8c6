import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Chaos Toolkit's own sources (chaostoolkit-lib and the `chaos` CLI) kept beside the project, run on Debian's Python. */
export const CTK_DIR = resolve(__dirname, '../../../shared/reference/chaostoolkit');
const PYTHON = '/usr/bin/python3';

/** True when `chaos` can run here; otherwise skips loudly, or fails where LABDECK_REQUIRE_CHAOS=1 (CI). */
export function hasChaosToolkit(): boolean {
  let ok = existsSync(join(CTK_DIR, 'src/chaostoolkit'));
  if (ok) {
    try {
      execFileSync(PYTHON, ['-c', 'import click, click_plugins, requests, yaml, pythonjsonlogger, semver'], { stdio: 'ignore' });
    } catch {
      ok = false;
    }
  }
  if (ok) return true;
  if (process.env.LABDECK_REQUIRE_CHAOS === '1') throw new Error('Chaos Toolkit is required (LABDECK_REQUIRE_CHAOS=1) but its sources or Python packages are missing');
  process.stderr.write('\n!!! SKIPPING CHAOS TOOLKIT TESTS: its sources or Debian Python packages are missing. Set LABDECK_REQUIRE_CHAOS=1 to make this a failure. !!!\n\n');
  return false;
}

/** `chaos validate FILE` with `labdeck` on PATH (the experiments' process providers name it). */
export function chaosValidate(file: string): { status: number; output: string } {
  // `npx labdeck` resolves the checkout's own bin; a folder with just that link puts it on PATH
  const bin = mkdtempSync(join(tmpdir(), 'labdeck-bin-'));
  symlinkSync(resolve(__dirname, '../../bin/labdeck.mjs'), join(bin, 'labdeck'));
  const r = spawnSync(PYTHON, ['-m', 'chaostoolkit', '--no-version-check', '--no-log-file', 'validate', file], {
    env: { ...process.env, PYTHONPATH: join(CTK_DIR, 'src'), PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}
