import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESOURCES } from '../testing/test-core';
import { main } from './main';

const LOOSE = join(RESOURCES, 'labs', 'loose-web', 'compose.yaml');
const HARDENED = join(RESOURCES, 'labs', 'loose-web', 'compose.hardened.yaml');

/** `labdeck audit` on template files (no engine needed): its exit codes and its JSON. */
describe('labdeck audit', () => {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-audit-'));
  let out = '';
  beforeAll(() => {
    vi.stubEnv('LABDECK_HOME', home);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });
  const run = async (...args: string[]) => {
    out = '';
    process.exitCode = undefined;
    const code = await main(['audit', ...args]);
    process.exitCode = undefined;
    return code;
  };

  it('exits 1 on a high finding, with each finding as JSON', async () => {
    expect(await run(LOOSE, '--json')).toBe(1);
    const report = JSON.parse(out) as { source: string; counts: { high: number }; findings: { check: string; fix: string }[] };
    expect(report.source).toBe('template');
    expect(report.counts.high).toBe(3);
    expect(report.findings.find((f) => f.check === 'read-only-rootfs')?.fix).toMatch(/^services:\n {2}web:\n {4}read_only: true/);
  });

  it('exits 0 when nothing is open at the threshold, 2 for a bad threshold', async () => {
    expect(await run(HARDENED)).toBe(0);
    expect(out).toContain('No open findings.');
    expect(await run(LOOSE, '--fail-on', 'never')).toBe(0);
    expect(await run(LOOSE, '--fail-on', 'critical')).toBe(2);
  });
});
