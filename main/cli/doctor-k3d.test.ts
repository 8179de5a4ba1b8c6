import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DoctorReport } from '../api/schemas/doctor';
import { checkTools } from '../core/system/tool-checks';
import { execFileRunner } from '../core/system/process-runner';

/** `labdeck doctor` and the k3d version cluster commands need, with a stand-in `k3d` script on PATH printing what `k3d version` prints. */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let bin: string;

function fakeK3d(version: string): void {
  const file = join(bin, 'k3d');
  writeFileSync(file, `#!/bin/sh\necho "k3d version ${version}"\necho "k3s version v1.25.7-k3s1 (default)"\n`);
  chmodSync(file, 0o755);
}

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'labdeck-k3dbin-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

describe('doctor and the k3d version', () => {
  it('flags a k3d older than 5.5.0 as too old, with how to install a newer one; a newer one is fine', async () => {
    fakeK3d('v5.4.6');
    const [old] = await checkTools(execFileRunner, { PATH: bin });
    expect(old).toMatchObject({ name: 'k3d', found: true, version: 'v5.4.6', minVersion: '5.5.0', tooOld: true, hint: expect.stringContaining('k3d.io') });
    fakeK3d('v5.7.4');
    const [fine] = await checkTools(execFileRunner, { PATH: bin });
    expect(fine).toEqual({ name: 'k3d', found: true, path: join(bin, 'k3d'), version: 'v5.7.4', minVersion: '5.5.0' });
  });

  it('says so in `labdeck doctor` and `labdeck doctor --json`', () => {
    fakeK3d('v5.4.6');
    const home = mkdtempSync(join(tmpdir(), 'labdeck-doctor-k3d-'));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: ROOT, env: { ...process.env, LABDECK_HOME: home, PATH: `${bin}${delimiter}${process.env.PATH}` }, encoding: 'utf8', timeout: 60_000 });
    try {
      const json = run(['doctor', '--json']);
      const k3d = DoctorReport.parse(JSON.parse(json.stdout)).tools.find((t) => t.name === 'k3d');
      expect(k3d).toMatchObject({ version: 'v5.4.6', tooOld: true, minVersion: '5.5.0' });
      const text = run(['doctor']).stdout;
      expect(text).toMatch(/k3d\s+v5\.4\.6 at \S+k3d: too old, cluster labs need 5\.5\.0 or newer/);
      expect(text).toContain('k3d v5.4.6 is older than 5.5.0: `labdeck up` of a cluster template answers K3D_MISSING. Install k3d 5.5 or newer');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
