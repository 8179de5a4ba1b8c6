import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../testing/test-core';
import { useInProcessCli } from '../testing/in-process-cli';

const LOOSE = join(RESOURCES, 'labs', 'loose-web', 'compose.yaml');
const HARDENED = join(RESOURCES, 'labs', 'loose-web', 'compose.hardened.yaml');

/** `labdeck audit` on template files (no engine needed): its exit codes and its JSON. */
describe('labdeck audit', () => {
  const { io, run } = useInProcessCli('audit');

  it('exits 1 on a high finding, with each finding as JSON', async () => {
    expect(await run(LOOSE, '--json')).toBe(1);
    const report = JSON.parse(io.out) as { source: string; counts: { high: number }; findings: { check: string; fix: string }[] };
    expect(report.source).toBe('template');
    expect(report.counts.high).toBe(3);
    expect(report.findings.find((f) => f.check === 'read-only-rootfs')?.fix).toMatch(/^services:\n {2}web:\n {4}read_only: true/);
  });

  it('exits 0 when nothing is open at the threshold, 2 for a bad threshold', async () => {
    expect(await run(HARDENED)).toBe(0);
    expect(io.out).toContain('No open findings.');
    expect(await run(LOOSE, '--fail-on', 'never')).toBe(0);
    expect(await run(LOOSE, '--fail-on', 'critical')).toBe(2);
  });
});
