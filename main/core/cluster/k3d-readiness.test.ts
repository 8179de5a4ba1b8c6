import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileRunner } from '../system/process-runner';
import { findK3d } from './k3d-binary';
import { k3dUnavailable, markClusterNeeds } from './k3d-readiness';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-k3d-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('whether cluster labs can start here', () => {
  it('says "needs k3d: not installed" when k3d is not on PATH (as on this machine)', async () => {
    expect(await k3dUnavailable(execFileRunner, { PATH: join(dir, 'nothing-here') })).toBe('needs k3d: not installed');
  });
  it('says why a k3d on PATH does not do (too old), and nothing for one that does', async () => {
    const old = join(dir, 'old');
    const good = join(dir, 'good');
    for (const [d, v] of [
      [old, 'v5.4.6'],
      [good, 'v5.7.4'],
    ]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'k3d'), `#!/bin/sh\necho "k3d version ${v}"\necho "k3s version v1.30.4-k3s1 (default)"\n`);
      chmodSync(join(d, 'k3d'), 0o755);
    }
    expect(await k3dUnavailable(execFileRunner, { PATH: old })).toMatch(/^needs k3d: k3d 5\.4\.6 at .* is too old: cluster labs need 5\.5\.0 or newer/);
    expect(await k3dUnavailable(execFileRunner, { PATH: good })).toBeUndefined();
    // the same k3d findK3d takes for a cluster lab's up
    await expect(findK3d(execFileRunner, { PATH: good })).resolves.toMatchObject({ version: '5.7.4' });
  });
  it('marks only the scenarios on a cluster lab, and asks k3d only when there is one', async () => {
    let asked = 0;
    const why = async () => (asked++, 'needs k3d: not installed');
    const list = [{ name: 'a', lab: 'redis-streams' }, { name: 'b', lab: 'k3s-small' }, { name: 'c', lab: 'k3s-small', error: 'bad yaml' }, { name: 'd' }];
    const marked = await markClusterNeeds(list, (lab) => lab === 'k3s-small', why);
    expect(marked.map((s) => s.unavailable)).toEqual([undefined, 'needs k3d: not installed', undefined, undefined]);
    expect(await markClusterNeeds([list[0]], (lab) => lab === 'k3s-small', why)).toEqual([list[0]]);
    expect(asked).toBe(1);
  });
});
