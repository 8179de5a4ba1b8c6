/** Way 2, the floor: the generated script of parallel `docker run -d`s, then polled until healthy. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Docker from 'dockerode';
import { loadTemplate } from '../../main/core/labs/template/load-template';
import { planLab } from '../../main/core/labs/lab-planner';
import { LAB_LABEL } from '../../main/core/labs/lab-labels';
import { sweepLabel, teardowns, tempDirs } from './cleanup';
import { writeFloor } from './floor-script';
import { readiness, waitReady } from './health-poll';
import { run, runForCleanup } from './processes';

export async function floorWay(docker: Docker, templateFile: string, i: number): Promise<{ seconds: number; scriptSeconds: number; containers: number }> {
  const labId = `bench-fl-${i}`;
  const plan = planLab(await loadTemplate(templateFile), labId);
  const dir = await mkdtemp(join(tmpdir(), `labdeck-bench-floor-${i}-`));
  tempDirs.push(dir);
  teardowns.set(labId, async () => {
    const names = plan.containers.map((c) => c.name);
    await runForCleanup('docker', ['rm', '-f', '-v', ...names]);
    if (plan.networks.length) await runForCleanup('docker', ['network', 'rm', ...plan.networks.map((n) => n.name)]);
    if (plan.volumes.length) await runForCleanup('docker', ['volume', 'rm', '-f', ...plan.volumes.map((v) => v.name)]);
    await sweepLabel(`${LAB_LABEL}=${labId}`);
    await rm(dir, { recursive: true, force: true });
  });
  const script = await writeFloor(plan, dir);
  const t0 = performance.now();
  const ran = await run('bash', [script]);
  const scriptSeconds = (ran.exitAt - t0) / 1000;
  const wants = await Promise.all(
    plan.containers.map(async (c) => ({ id: (await docker.getContainer(c.name).inspect()).Id, name: c.name, want: readiness(plan, c.service) })),
  );
  await waitReady(docker, wants, `floor ${labId}`);
  return { seconds: (performance.now() - t0) / 1000, scriptSeconds, containers: plan.containers.length };
}
