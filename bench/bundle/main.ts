import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES, testCore } from '../../main/testing/test-core';
import { writeKeyPair } from '../../main/core/bundles/key-files';

/**
 * Three timings, each against its floor measured in the same run on the same images:
 *   create  vs `docker save <images> > file`  (ours also hashes, writes labs and signs)
 *   verify  vs reading the file once (`cat file > /dev/null`)
 *   import  vs `docker load < file`. The images are on the engine already (removing them would
 *   disturb everyone else on a shared machine), so `docker load` still reads and unpacks every
 *   archive while `labdeck bundle import` verifies everything and skips images with the same ID:
 *   the import ratio is an upper bound on the skip path, not on a cold load.
 */
const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

async function timed<T>(work: () => Promise<T> | T): Promise<{ s: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await work();
  return { s: seconds(t0), value };
}

export async function main(args: string[]): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'labdeck-bench-bundle-'));
  const t = testCore();
  try {
    const labs = args.length ? args : readdirSync(join(RESOURCES, 'labs')).sort();
    writeKeyPair(join(work, 'b.key'), join(work, 'b.pub'));
    const out = join(work, 'labs.bundle');
    const images = [...new Set((await Promise.all(labs.map((l) => t.core.labs.plan(l)))).flatMap((p) => p.images))];
    // one unmeasured save first, so neither side pays for a cold page cache
    spawnSync('docker', ['save', ...images], { stdio: ['ignore', 'ignore', 'inherit'] });
    const floorFile = join(work, 'floor.tar');
    const fd = openSync(floorFile, 'w');
    const save = await timed(() => spawnSync('docker', ['save', ...images], { stdio: ['ignore', fd, 'inherit'] }));
    closeSync(fd);
    const create = await timed(() => t.core.bundles.create({ names: labs, out, signKey: join(work, 'b.key') }));
    const read = await timed(() => execFileSync('cat', [out], { stdio: ['ignore', 'ignore', 'inherit'] }));
    const verify = await timed(() => t.core.bundles.verify(out, { pubFiles: [join(work, 'b.pub')] }));
    const inFd = openSync(floorFile, 'r');
    const load = await timed(() => spawnSync('docker', ['load', '-q'], { stdio: [inFd, 'ignore', 'inherit'] }));
    closeSync(inFd);
    const imp = await timed(() => t.core.bundles.import(out, { pubFiles: [join(work, 'b.pub')] }));
    const mb = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(1)} MB`;
    const row = (what: string, ours: number, floor: number, floorName: string): string => `| ${what} | ${ours.toFixed(2)} s | ${floorName} ${floor.toFixed(2)} s | ${(ours / floor).toFixed(2)}x |`;
    process.stdout.write(
      [
        `labs: ${labs.join(', ')}; ${create.value.manifest.images.length} images; bundle ${mb(out)}, docker save ${mb(floorFile)}`,
        '| step | labdeck | floor | ratio |',
        '|---|---|---|---|',
        row('create (signed)', create.s, save.s, 'docker save >'),
        row('verify', verify.s, read.s, 'cat >/dev/null'),
        row(`import (${imp.value.images.filter((i) => i.outcome === 'present').length} present, skipped)`, imp.s, load.s, 'docker load <'),
        '',
      ].join('\n'),
    );
  } finally {
    await t.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}
