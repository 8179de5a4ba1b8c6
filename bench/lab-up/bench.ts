/** One bench: checks and preparation, then the three ways interleaved run by run, then the report. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { loadTemplate } from '../../main/core/labs/template/load-template';
import { planLab } from '../../main/core/labs/lab-planner';
import { COMPOSE_PROJECT, LAB_LABEL } from '../../main/core/labs/lab-labels';
import { checkAbort } from './abort';
import { sweepLabel, teardown, tempDirs } from './cleanup';
import { composeWay, writeComposeOverride } from './compose-way';
import { ROOT } from './config';
import { floorWay } from './floor-way';
import { labdeckWay, type LabdeckSample } from './labdeck-way';
import { launch, run } from './processes';
import { reportLines } from './report';
import { f2 } from './stats';

/** Runs the bench for `lab`, `runs` times, and prints the report on stdout; returns the exit code. */
export async function bench(lab: string, runs: number): Promise<number> {
  const templateFile = join(ROOT, 'resources', 'labs', lab, 'compose.yaml');

  const compose = await launch('docker-compose', ['version', '--short']).done.catch(() => undefined);
  if (!compose || compose.code !== 0) {
    process.stderr.write('docker-compose (v1) is not installed: apt-get install -y docker-compose\n');
    return 2;
  }
  const docker = new Docker();
  const engine = await docker.version();

  process.stderr.write('building workloads (node scripts/build-workloads.mjs)…\n');
  await run(process.execPath, [join(ROOT, 'scripts', 'build-workloads.mjs')]);
  const refPlan = planLab(await loadTemplate(templateFile), 'bench');

  // Leftovers of an earlier, killed bench run would make `up` refuse the name: remove them (ours by name).
  for (let i = 1; i <= runs; i++) {
    for (const label of [`${LAB_LABEL}=bench-ld-${i}`, `${LAB_LABEL}=bench-fl-${i}`, `${COMPOSE_PROJECT}=bench-dc-${i}`]) {
      const found = await sweepLabel(label);
      if (found.length) process.stderr.write(`removed leftovers of an earlier bench run (${label}): ${found.join(', ')}\n`);
    }
  }

  const home = await mkdtemp(join(tmpdir(), 'labdeck-bench-home-'));
  tempDirs.push(home);
  const dcDir = await mkdtemp(join(tmpdir(), 'labdeck-bench-compose-'));
  tempDirs.push(dcDir);
  const override = await writeComposeOverride(refPlan, dcDir);
  const ld: LabdeckSample[] = [];
  const fl: number[] = [];
  const flScript: number[] = [];
  const dc: number[] = [];
  const dcUp: number[] = [];
  let flCount = 0;
  let dcCount = 0;
  for (let i = 1; i <= runs; i++) {
    checkAbort();
    const a = await labdeckWay(lab, i, home);
    ld.push(a);
    process.stderr.write(`run ${i}/${runs}: labdeck        ${f2(a.seconds)} s\n`);
    await teardown(`bench-ld-${i}`);

    const b = await floorWay(docker, templateFile, i);
    fl.push(b.seconds);
    flScript.push(b.scriptSeconds);
    flCount = b.containers;
    process.stderr.write(`run ${i}/${runs}: floor          ${f2(b.seconds)} s\n`);
    await teardown(`bench-fl-${i}`);

    const c = await composeWay(docker, templateFile, override, refPlan, i);
    dc.push(c.seconds);
    dcUp.push(c.upSeconds);
    dcCount = c.containers;
    process.stderr.write(`run ${i}/${runs}: docker-compose ${f2(c.seconds)} s\n`);
    await teardown(`bench-dc-${i}`);
  }

  const out = reportLines({ lab, runs, engineVersion: engine.Version, composeVersion: compose.stdout.trim(), refPlan, ld, fl, flScript, flCount, dc, dcUp, dcCount });
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
