import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DoctorReport } from '../api/schemas/doctor';
import { createCore } from '../core/app-core';
import { dockerodeConnector } from '../core/engine/engine-client';
import { openStore } from '../core/store/database';
import { SettingsRepo } from '../core/store/settings-repo';
import { systemClock } from '../core/system/clock';
import { execFileRunner } from '../core/system/process-runner';
import { hasDocker } from '../testing/requirements';
import { doctorText } from './commands/doctor-text';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'labdeck-doctor-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function labdeck(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, LABDECK_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const dockerVersion = (format: string): string => execFileSync('docker', ['version', '--format', format], { encoding: 'utf8' }).trim();

describe('labdeck CLI', () => {
  it('exits 2 on an unknown command', () => {
    const out = labdeck(['nosuchcommand']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('nosuchcommand');
  });

  it('doctor --json exits 1 and says so when the endpoint picked in Settings is not there', () => {
    const store = openStore(home);
    new SettingsRepo(store.db).update({ engineEndpoint: `unix://${join(home, 'missing', 'docker.sock')}` });
    store.db.close();

    const out = labdeck(['doctor', '--json']);
    expect(out.status).toBe(1);
    const report = DoctorReport.parse(JSON.parse(out.stdout));
    expect(report.ok).toBe(false);
    expect(report.engine.connected).toBe(false);
    expect(report.engine.looked).toEqual([
      { source: 'settings', endpoint: `unix://${join(home, 'missing', 'docker.sock')}`, detail: 'picked in Settings', result: 'absent' },
    ]);
    expect(report.engine.hint).toMatch(/picked in Settings/);
    expect(report.host.dataDir).toBe(home);
  });
});

describe('doctor with no engine at all', () => {
  it('reports ok:false, the place it looked as absent, and a hint; the text says so', async () => {
    const missing = `unix://${join(home, 'docker.sock')}`;
    const core = createCore({
      version: '0.0.0-test',
      dataDir: home,
      resourcesDir: home,
      store: openStore(home),
      connect: dockerodeConnector(2000),
      discover: async () => [{ source: 'docker-default', endpoint: missing, detail: 'Docker default socket' }],
      run: execFileRunner,
      clock: systemClock,
      platform: 'linux',
    });
    try {
      const report = await core.handlers['doctor.report']({});
      expect(DoctorReport.safeParse(report).success).toBe(true);
      expect(report.ok).toBe(false);
      expect(report.engine.info).toBeUndefined();
      expect(report.engine.looked[0]).toMatchObject({ endpoint: missing, result: 'absent' });
      expect(report.engine.hint).toMatch(/systemctl/);
      const text = doctorText(report);
      expect(text).toContain('No container engine answered');
      expect(text).toContain(report.engine.hint!);
      expect(text).toMatch(/Engine\s+none answered/);
      expect(text).toContain(`absent      ${missing}`);
    } finally {
      await core.close();
    }
  });
});

const docker = await hasDocker();

describe.skipIf(!docker)('labdeck doctor against the real Docker', () => {
  it('doctor --json exits 0 and reports the version and API version the docker CLI reports', () => {
    const out = labdeck(['doctor', '--json']);
    expect(out.status, out.stderr).toBe(0);
    const report = DoctorReport.parse(JSON.parse(out.stdout));
    expect(report.ok).toBe(true);
    expect(report.engine.info?.version).toBe(dockerVersion('{{.Server.Version}}'));
    expect(report.engine.info?.apiVersion).toBe(dockerVersion('{{.Server.APIVersion}}'));
    expect(report.engine.looked.at(-1)?.result).toBe('ok');
    expect(report.host.dataDir).toBe(home);
  });

  it('plain doctor prints the engine and its version in words', () => {
    const out = labdeck(['doctor']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Docker');
    expect(out.stdout).toContain(dockerVersion('{{.Server.Version}}'));
    expect(out.stdout).not.toContain('No container engine answered');
  });
});
