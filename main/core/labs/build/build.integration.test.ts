import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LabStatus } from '../../../api/schemas/labs';
import { engineRows } from '../../../testing/engines';
import { hasDocker } from '../../../testing/requirements';
import { REPO_ROOT, testCore } from '../../../testing/test-core';
import { present } from '../engine-ops/image-check';
import { buildImages } from './build-images';

const ready = await hasDocker();
const engines = engineRows(ready);
const FIXTURES = join(REPO_ROOT, 'main/core/labs/build/fixtures');
const APP = join(FIXTURES, 'bld-app');
const MISSING = join(FIXTURES, 'bld-missing');

const dockerAt = (endpoint: string): Docker => new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });

describe.skipIf(!ready).each(engines)('build: on $name', ({ name, endpoint }) => {
  const t = testCore(endpoint);
  const docker = dockerAt(endpoint);
  const lab = `bld-${name}-${process.pid}`;
  const tag = `${lab}-api`;
  const times: string[] = [];

  /** Runs `up`, collecting the progress lines of the api build; returns the job and those lines. */
  async function up(template: string, labId: string) {
    const lines: string[] = [];
    const stop = t.core.bus.subscribe((event, payload) => {
      const p = payload as { step: string; message?: string };
      if (event === 'job.progress' && p.step === 'build api' && p.message) lines.push(p.message);
    });
    const started = Date.now();
    const done = await t.core.jobs.wait((await t.core.labs.up(template, labId)).jobId);
    stop();
    return { done, lines, ms: Date.now() - started };
  }
  const builtIn = (lines: string[]): number => Number(/built \S+ in ([\d.]+) s/.exec(lines.at(-1) ?? '')?.[1] ?? NaN);

  afterAll(async () => {
    await t.core.labs.down(lab, false, 'all').catch(() => undefined);
    await docker.getImage(tag).remove().catch(() => undefined);
    process.stdout.write(`[${name}] ${times.join('; ')}\n`);
    await t.cleanup();
  });

  it('plans the build, builds api with its arg at up, comes up healthy with Prometheus; down keeps the image', async () => {
    const plan = await t.core.labs.plan(APP, lab);
    expect(plan.builds).toEqual([{ service: 'api', context: join(APP, 'api'), dockerfile: 'Dockerfile', tag }]);
    expect(plan.images).not.toContain(tag);
    expect(plan.containers.find((c) => c.service === 'api')?.image).toBe(tag);

    const { done, lines, ms } = await up(APP, lab);
    expect(done.error).toBeUndefined();
    expect((done.result as LabStatus).state).toBe('healthy');
    expect(lines.some((l) => /^(Step|STEP) \d+\/\d+ ?: ?FROM/.test(l))).toBe(true);
    times.push(`first up ${(ms / 1000).toFixed(1)} s, its build ${builtIn(lines)} s`);

    // the arg reached the build: the server reports what RUN wrote, and Prometheus scraped it
    let greeting: string | undefined;
    for (let i = 0; i < 60 && !greeting; i++) {
      const r = await t.core.labs.query(lab, 'bld_greeting_info');
      greeting = (r.result as { metric: { greeting?: string } }[])[0]?.metric.greeting;
      if (!greeting) await new Promise((r) => setTimeout(r, 500));
    }
    expect(greeting).toBe('built-by-labdeck');

    const image = await docker.getImage(tag).inspect();
    expect(image.Config.Labels).toMatchObject({ 'io.labdeck.lab': lab, 'org.example.team': 'payments', 'io.labdeck.build': 'generated' });
    expect((await t.core.labs.status(lab)).images?.map((i) => i.service)).toEqual(['api']);

    const removed = await t.core.labs.down(lab);
    expect(removed.images).toBeUndefined();
    expect(await present(docker, tag)).toBe(true);
    expect((await t.core.labs.images(lab)).map((i) => i.labId)).toEqual([lab]);
  });

  it('a second up of the unchanged lab builds from the cache; down --rmi local removes the image', async () => {
    const { done, lines, ms } = await up(APP, lab);
    expect(done.error).toBeUndefined();
    const cached = lines.filter((l) => /Using cache|CACHED/.test(l)).length;
    times.push(`second up ${(ms / 1000).toFixed(1)} s, its build ${builtIn(lines)} s with ${cached} steps from cache`);
    // every step after FROM (ARG, RUN, WORKDIR, COPY, RUN, USER, CMD, and the labels) came from the cache
    // (times are printed, not asserted: the shared test machine's load decides them)
    expect(cached).toBeGreaterThanOrEqual(7);

    const removed = await t.core.labs.down(lab, false, 'local');
    expect(removed).toMatchObject({ images: 1 });
    expect(await present(docker, tag)).toBe(false);
    expect(await t.core.labs.images(lab)).toEqual([]);
  });

  it('a missing base image is BASE_IMAGE_MISSING naming the Dockerfile line, and no build is started', async () => {
    const { done } = await up(MISSING, `${lab}-m`);
    expect(done.error?.code).toBe('BASE_IMAGE_MISSING');
    expect(done.error?.message).toContain(`${join(MISSING, 'api', 'Dockerfile')}:2: FROM bld-no-such-base:1 AS base`);
    expect(done.error?.hint).toMatch(/docker pull bld-no-such-base:1.*labdeck bundle import/s);
    expect(await present(docker, `${lab}-m-api`)).toBe(false);

    const build = vi.spyOn(docker, 'buildImage');
    const planned = { service: 'api', tag: `${lab}-m-api`, context: join(MISSING, 'api'), dockerfile: 'Dockerfile', args: {}, labels: {} };
    await expect(buildImages(docker, [planned], undefined, { pull: false })).rejects.toMatchObject({ code: 'BASE_IMAGE_MISSING' });
    expect(build).not.toHaveBeenCalled();
  });
});
