/** Way 3: Debian's docker-compose 1.29 `up -d`, then polled until healthy (1.29 has no --wait). */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Docker from 'dockerode';
import { stringify } from 'yaml';
import type { LabPlan } from '../../main/core/labs/lab-plan';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../main/core/labs/lab-labels';
import { sweepLabel, teardowns, warnings } from './cleanup';
import { readiness, waitReady } from './health-poll';
import { run, runForCleanup } from './processes';

/**
 * docker-compose 1.29 silently ignores `configs:` outside swarm mode (the workloads then crash-loop
 * on MODULE_NOT_FOUND), so an override file bind-mounts the same config files read-only, as the floor does.
 */
export async function writeComposeOverride(plan: LabPlan, dir: string): Promise<string> {
  await chmod(dir, 0o755);
  const services: Record<string, { volumes: string[] }> = {};
  for (const c of plan.containers) {
    if (c.role !== 'service' || c.index !== 1 || c.files.length === 0) continue;
    const volumes: string[] = [];
    for (const f of c.files) {
      const host = join(dir, 'files', c.service, f.path);
      await mkdir(dirname(host), { recursive: true, mode: 0o755 });
      await writeFile(host, f.content, { mode: f.mode });
      await chmod(host, f.mode);
      volumes.push(`${host}:${f.path}:ro`);
    }
    services[c.service] = { volumes };
  }
  const file = join(dir, 'configs-override.yaml');
  await writeFile(file, stringify({ services }));
  return file;
}

export async function composeWay(docker: Docker, templateFile: string, override: string, plan: LabPlan, i: number): Promise<{ seconds: number; upSeconds: number; containers: number }> {
  const project = `bench-dc-${i}`;
  const base = ['-p', project, '-f', templateFile, '-f', override];
  teardowns.set(project, async () => {
    const r = await runForCleanup('docker-compose', [...base, 'down', '-v', '--remove-orphans', '-t', '5']);
    if (r.code !== 0) warnings.push(`docker-compose ${project} down exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
    await sweepLabel(`${COMPOSE_PROJECT}=${project}`);
  });
  const t0 = performance.now();
  const up = await run('docker-compose', [...base, 'up', '-d']);
  const upSeconds = (up.exitAt - t0) / 1000;
  const listed = await docker.listContainers({ all: true, filters: { label: [`${COMPOSE_PROJECT}=${project}`] } });
  const wants = listed.map((c) => ({ id: c.Id, name: c.Names[0]?.replace(/^\//, '') ?? c.Id, want: readiness(plan, c.Labels[COMPOSE_SERVICE] ?? '') }));
  await waitReady(docker, wants, `docker-compose ${project}`);
  return { seconds: (performance.now() - t0) / 1000, upSeconds, containers: wants.length };
}
