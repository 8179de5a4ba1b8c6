import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../testing/docker-cli';
import { hasDocker } from '../../testing/requirements';
import { testCore } from '../../testing/test-core';

const ready = await hasDocker();
const tag = `c${process.pid}`;
const IMAGES = [
  { ref: `bdl-cancel-${tag}/redis:7.2`, from: 'redis:7.2' },
  { ref: `bdl-cancel-${tag}/nats:2.10`, from: 'nats:2.10' },
];
const idOf = (ref: string): string | undefined => {
  try {
    return execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

/**
 * A cancelled import leaves nothing half-installed: no lab, scenario or dashboard, no staging
 * folder, no upload; the image being loaded when it was cancelled is removed; an image loaded whole
 * before the cancel stays (it is complete and verified, and the next import skips it). The images
 * are labelled copies of lab images (their own IDs), so removing them leaves the originals alone.
 */
describe.skipIf(!ready)('cancelling a bundle import', () => {
  const work = mkdtempSync(join(tmpdir(), 'labdeck-bundle-cancel-'));
  const maker = testCore();
  const taker = testCore();
  const lab = `bdl-cancel-${tag}`;
  const file = join(work, 'lab.bundle');
  const ids: string[] = [];
  const notInstalled = (): void => {
    expect(existsSync(join(taker.home, 'labs', lab))).toBe(false);
    expect(readdirSync(taker.home).filter((n) => n.startsWith('.bundle-staging-'))).toEqual([]);
  };

  beforeAll(async () => {
    for (const i of IMAGES) {
      const ctr = docker('create', i.from);
      try {
        docker('commit', '--change', `LABEL io.labdeck.bundle-cancel=${tag}`, ctr, i.ref);
      } finally {
        docker('rm', ctr);
      }
      ids.push(idOf(i.ref)!);
    }
    mkdirSync(join(maker.home, 'labs', lab), { recursive: true });
    writeFileSync(join(maker.home, 'labs', lab, 'compose.yaml'), `x-labdeck:\n  title: cancel test\nservices:\n  a:\n    image: ${IMAGES[0].ref}\n  b:\n    image: ${IMAGES[1].ref}\n`);
    await maker.core.bundles.create({ names: [lab], out: file });
  }, 120_000);
  afterAll(async () => {
    for (const i of IMAGES) if (idOf(i.ref)) docker('rmi', '-f', i.ref);
    await maker.cleanup();
    await taker.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  const removeCopies = (): void => {
    for (const i of IMAGES) if (idOf(i.ref)) docker('rmi', i.ref);
  };

  it('while verifying: nothing is loaded or installed', async () => {
    removeCopies();
    const stop = new AbortController();
    await expect(taker.core.bundles.import(file, { allowUnsigned: true, signal: stop.signal, onVerify: () => stop.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(IMAGES.map((i) => idOf(i.ref))).toEqual([undefined, undefined]);
    notInstalled();
  }, 120_000);

  it('while loading the second image: the first stays whole, the second is removed, nothing is installed', async () => {
    removeCopies();
    const stop = new AbortController();
    const started: string[] = [];
    await expect(
      taker.core.bundles.import(file, {
        allowUnsigned: true,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.present || p.done || p.bytes !== 0) return;
          started.push(p.image);
          if (started.length === 2) stop.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    const [first, second] = started.map((ref) => IMAGES.findIndex((i) => i.ref === ref));
    expect(idOf(IMAGES[first].ref)).toBe(ids[first]);
    expect(idOf(IMAGES[second].ref)).toBeUndefined();
    expect(docker('images', '-q', '--filter', `label=io.labdeck.bundle-cancel=${tag}`).split('\n').filter(Boolean)).toHaveLength(1);
    notInstalled();

    // the next import skips the whole image and finishes the rest
    const again = await taker.core.bundles.import(file, { allowUnsigned: true });
    expect(again.images.find((i) => i.image === IMAGES[first].ref)?.outcome).toBe('present');
    expect(again.images.find((i) => i.image === IMAGES[second].ref)?.outcome).toBe('loaded');
    expect(existsSync(join(taker.home, 'labs', lab, 'compose.yaml'))).toBe(true);
  }, 180_000);

  it('through the API: the job ends cancelled and its upload is removed', async () => {
    removeCopies();
    rmSync(join(taker.home, 'labs', lab), { recursive: true, force: true });
    const up = await taker.core.bundles.transfers.receive(Readable.from(createReadStream(file)), statSync(file).size);
    const h = taker.core.handlers;
    const stopAt = taker.core.bus.subscribe((event, payload) => {
      const p = payload as { jobId: string; step: string };
      if (event === 'job.progress' && p.step.startsWith('verify ')) taker.core.jobs.cancel(p.jobId);
    });
    const job = await h['bundles.import']({ upload: up.upload, allowUnsigned: true });
    const done = await taker.core.jobs.wait(job.jobId);
    stopAt();
    expect(done.state).toBe('cancelled');
    expect(() => taker.core.bundles.transfers.existingUpload(up.upload)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(IMAGES.map((i) => idOf(i.ref))).toEqual([undefined, undefined]);
    notInstalled();
  }, 120_000);
});
