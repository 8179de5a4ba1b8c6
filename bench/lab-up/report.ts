/** The printed report: the time-to-healthy table, the ratios against the goal, notes and the time split. */
import { cpus } from 'node:os';
import type { LabPlan } from '../../main/core/labs/lab-plan';
import { warnings } from './cleanup';
import { POLL_MS } from './config';
import type { LabdeckSample } from './labdeck-way';
import { f2, median } from './stats';
import { intervalBounds, phasesOf } from './time-split';

/** Everything one bench run measured, plus what it ran against. */
export interface BenchResults {
  lab: string;
  runs: number;
  engineVersion: string;
  composeVersion: string;
  refPlan: LabPlan;
  ld: LabdeckSample[];
  fl: number[];
  flScript: number[];
  flCount: number;
  dc: number[];
  dcUp: number[];
  dcCount: number;
}

/** The report as Markdown lines (the bench prints them joined, with a final newline). */
export function reportLines(r: BenchResults): string[] {
  const { lab, runs, refPlan, ld, fl, flScript, flCount, dc, dcUp, dcCount } = r;
  const ldS = ld.map((x) => x.seconds);
  const ldMed = median(ldS);
  const vsFloor = ldMed / median(fl);
  const vsDc = ldMed / median(dc);
  const met = vsFloor <= 1.25 && vsDc < 1;
  const row = (way: string, n: string, xs: number[]): string => `| ${way} | ${n} | ${f2(median(xs))} | ${f2(Math.min(...xs))} | ${xs.map(f2).join(', ')} |`;
  const hasProm = refPlan.containers.some((c) => c.role === 'monitoring');
  const out = [
    `## Time to healthy: lab \`${lab}\`, ${runs} interleaved run${runs > 1 ? 's' : ''}`,
    '',
    `${cpus().length} CPUs, Docker ${r.engineVersion}, docker-compose ${r.composeVersion}, Node ${process.versions.node}, ${new Date().toISOString()}`,
    '',
    '| way | containers | median s | min s | runs s |',
    '|---|---:|---:|---:|---|',
    row('`labdeck up` (CLI, spawn → exit 0)', String(refPlan.containers.length), ldS),
    row('floor: parallel `docker run -d` script', String(flCount), fl),
    row('`docker-compose` 1.29 `up -d` + poll', `${dcCount}${hasProm ? ' (no Prometheus)' : ''}`, dc),
    '',
    '| ratio (medians) | value |',
    '|---|---:|',
    `| labdeck / floor | ${f2(vsFloor)}× |`,
    `| labdeck / docker-compose | ${f2(vsDc)}× |`,
    '',
    `Goal: Labdeck within 1.25× of the floor and faster than docker-compose. This run: ${met ? 'MET' : 'NOT MET'} (labdeck/floor ${f2(vsFloor)}× ${vsFloor <= 1.25 ? '≤' : '>'} 1.25×, labdeck/docker-compose ${f2(vsDc)}× ${vsDc < 1 ? '<' : '≥'} 1).`,
    '',
    `Notes: docker-compose starts no Prometheus, so it starts ${refPlan.containers.length - dcCount} container fewer than the other two; it also ignores \`configs:\` outside swarm, so it gets an override file bind-mounting the same config files read-only. The floor ignores depends_on (every container starts at once) and bind-mounts config files instead of copying them; it is a lower bound, not a usable lab manager. The bench polls the floor and docker-compose every ${POLL_MS} ms through the engine API; Labdeck polls every 250 ms by itself.`,
  ];

  const phases = ld.map(phasesOf);
  if (phases.every((p) => p.length && p.length === phases[0].length)) {
    out.push('', '### Where `labdeck up` spends its time (median of runs, from its stderr progress steps)', '', '| phase | median s |', '|---|---:|');
    phases[0].forEach(([label], k) => out.push(`| ${label} | ${f2(median(phases.map((p) => p[k][1])))} |`));
  }
  const b = intervalBounds(refPlan);
  out.push(
    '',
    `Healthcheck arithmetic: Docker ${r.engineVersion} runs a container's first probe one interval after it starts, so a start that waits for the engine's health status in dependency order cannot be healthy before ${b.ordered} s (${b.path.join(', ')}), and all-at-once not before ${b.parallel} s. Labdeck opens a dependency gate as soon as the service passes its own healthcheck test (run through exec), and waits for the engine's status only at the end, so it pays roughly the all-at-once bound plus its start-up.`,
    `Floor: its script (networks, volumes, ${flCount} parallel \`docker run -d\`) took a median ${f2(median(flScript))} s, the rest is waiting for health. docker-compose: \`up -d\` returned after a median ${f2(median(dcUp))} s (it waits for service_healthy gates itself), the rest is waiting for health.`,
  );
  if (warnings.length) out.push('', ...warnings.map((w) => `Warning: ${w}`));
  return out;
}
