import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { dockerOn } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { hasDocker } from '../../testing/requirements';
import { testCore } from '../../testing/test-core';
import { writeKeyPair } from './key-files';

const ready = await hasDocker();
const tag = `p${process.pid}`;

/**
 * Create (signed, split) → remove the image → verify → import → the image is back with the same ID,
 * the lab installed, and `up` healthy with no registry; a tampered copy is refused with the
 * engine's images unchanged. The image is a copy of redis:7.2 with a label (so it has its own ID
 * and removing it leaves redis:7.2, which other suites use, alone).
 */
describe.skipIf(!ready).each(engineRows(ready))('bundle round trip on $name', ({ name, endpoint }) => {
  const host = name === 'podman' ? endpoint : undefined;
  const engine = (...args: string[]): string => dockerOn(host, ...args);
  const image = `bdl-test-${tag}/redis:7.2`;
  const lab = `bdl-${tag}-${name}`;
  const work = mkdtempSync(join(tmpdir(), 'labdeck-bundle-rt-'));
  const maker = testCore(endpoint);
  const taker = testCore(endpoint);
  const images = (): string => engine('images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}').split('\n').sort().join('\n');
  let id = '';

  afterAll(async () => {
    await taker.core.labs.down(lab).catch(() => undefined);
    try {
      engine('rmi', '-f', image);
    } catch {
      // already gone
    }
    await maker.cleanup();
    await taker.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('creates, verifies, refuses a tampered copy, imports, and the lab comes up healthy', async () => {
    const ctr = engine('create', 'redis:7.2');
    try {
      // Podman's compat API answers `docker commit --change` with "Decode(): EOF": its own CLI does it
      if (host) execFileSync('podman', ['commit', '-q', '--change', `LABEL io.labdeck.bundle-test=${tag}`, ctr, image]);
      else engine('commit', '--change', `LABEL io.labdeck.bundle-test=${tag}`, ctr, image);
    } finally {
      engine('rm', ctr);
    }
    id = engine('image', 'inspect', '--format', '{{.Id}}', image).replace(/^(sha256:)?/, 'sha256:');
    const dir = join(maker.home, 'labs', lab);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'compose.yaml'),
      `x-labdeck:\n  title: bundle test\nservices:\n  redis:\n    image: ${image}\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 1s\n      retries: 30\n`,
    );
    writeKeyPair(join(work, 't.key'), join(work, 't.pub'));
    const out = join(work, 'lab.bundle');
    const made = await maker.core.bundles.create({ names: [lab], out, signKey: join(work, 't.key'), split: 32 * 1024 * 1024 });
    expect(made.files.length).toBeGreaterThan(2);
    expect(made.manifest.images.find((i) => i.repoTags.includes(image))?.id).toBe(id);

    engine('rmi', image);
    expect(() => engine('image', 'inspect', image)).toThrow();
    const part1 = `${out}.part1`;
    const v = await taker.core.bundles.verify(part1, { pubFiles: [join(work, 't.pub')] });
    expect(v.signature.signed).toBe(true);

    // an altered byte inside the image archive: refused, nothing loaded, nothing installed
    const entry = made.manifest.entries.find((e) => e.path === `images/${id.slice(7)}.tar`)!;
    expect(entry).toBeDefined();
    const tampered = join(work, 'bad.bundle');
    made.files.forEach((f, i) => writeFileSync(`${tampered}.part${i + 1}`, readFileSync(f)));
    const bytes = readFileSync(`${tampered}.part2`);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(`${tampered}.part2`, bytes);
    const before = images();
    await expect(taker.core.bundles.import(`${tampered}.part1`, { pubFiles: [join(work, 't.pub')] })).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
    expect(images()).toBe(before);
    expect(() => readFileSync(join(taker.home, 'labs', lab, 'compose.yaml'))).toThrow();

    const r = await taker.core.bundles.import(part1, { pubFiles: [join(work, 't.pub')] });
    expect(r.images.find((i) => i.image === image)).toEqual({ image, id, outcome: 'loaded' });
    expect(r.images.filter((i) => i.image !== image).every((i) => i.outcome === 'present')).toBe(true);
    expect(engine('image', 'inspect', '--format', '{{.Id}}', image).replace(/^(sha256:)?/, 'sha256:')).toBe(id);
    expect(r.items).toContainEqual({ kind: 'lab', name: lab, outcome: 'installed' });

    const again = await taker.core.bundles.import(part1, { pubFiles: [join(work, 't.pub')] });
    expect(again.images.every((i) => i.outcome === 'present')).toBe(true);
    expect(again.items).toContainEqual(expect.objectContaining({ kind: 'lab', name: lab, outcome: 'kept' }));

    const done = await taker.core.jobs.wait((await taker.core.labs.up(lab, lab)).jobId);
    expect(done.error).toBeUndefined();
    expect((done.result as LabStatus).state).toBe('healthy');
  }, 300_000);
});
