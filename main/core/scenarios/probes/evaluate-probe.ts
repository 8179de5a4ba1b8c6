import type { Probe } from '../../../api/schemas/scenarios';
import { execCapture } from '../../labs/engine-ops/exec-capture';
import { parseDuration } from '../../labs/template/compose-values';
import { PROMETHEUS_SERVICE } from '../../monitoring/prometheus-config';
import { podmanHealthKick } from '../../labs/engine-ops/podman-health';
import { inspectProbe } from './inspect-probe';
import { labFetch } from './lab-fetch';
import { isPodman, oomKillsFromEvents, podmanEvents } from './podman-probe';
import { fail, pass, type ProbeContext, type ProbeOutcome } from './probe-context';
import { containerName, resolveTarget } from './probe-target';
import { compare, jsonAt } from './probe-values';
import { regexFinds } from './probe-regex';

type Of<T extends Probe['type']> = Extract<Probe, { type: T }>;

async function promql(p: Of<'promql'>, ctx: ProbeContext): Promise<ProbeOutcome> {
  const r = await (await ctx.prometheus()).query(p.expr);
  const samples: number[] =
    r.resultType === 'vector' ? (r.result as { value: [number, string] }[]).map((s) => Number(s.value[1])) : r.resultType === 'scalar' ? [Number((r.result as [number, string])[1])] : [];
  if (!samples.length) return fail(`${p.expr} returned no series`);
  const bad = samples.filter((v) => !compare(v, p.comparator, p.threshold));
  const shown = samples.length === 1 ? String(samples[0]) : `[${samples.join(', ')}]`;
  return bad.length ? fail(`${p.expr} = ${shown}, want ${p.comparator} ${p.threshold}`, samples) : pass(`${p.expr} = ${shown} ${p.comparator} ${p.threshold}`, samples);
}

async function http(p: Of<'http'>, ctx: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  const c = await resolveTarget(ctx.docker, ctx.labId, p.target);
  const url = `http://${containerName(c)}:${p.port}${p.path}`;
  const r = await labFetch(ctx, url, timeoutMs);
  if (r.status === undefined) return fail(`${url}: ${r.error}`);
  if (r.status !== p.status) return fail(`${url} answered ${r.status}, want ${p.status}`, r.status);
  if (p.bodyRegex && !regexFinds(p.bodyRegex, r.body)) return fail(`${url}: body does not match /${p.bodyRegex}/`);
  const max = p.maxLatency ? parseMs(p.maxLatency) : undefined;
  if (max !== undefined && r.ms > max) return fail(`${url} took ${r.ms} ms, want ≤ ${max} ms`, r.ms);
  return pass(`${url} answered ${r.status} in ${r.ms} ms`, r.ms);
}

async function exec(p: Of<'exec'>, ctx: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  const c = await resolveTarget(ctx.docker, ctx.labId, p.target);
  if (c.State !== 'running') return fail(`${containerName(c)} is ${c.State}`);
  const r = await execCapture(ctx.docker, ctx.docker.getContainer(c.Id), p.argv, timeoutMs);
  const cmd = p.argv.join(' ');
  if (r.timedOut) return fail(`${cmd}: no result within ${timeoutMs} ms`);
  const out = r.stdout.trim();
  if (r.exitCode !== p.exitCode) return fail(`${cmd} exited ${r.exitCode}, want ${p.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().slice(0, 200)}` : ''}`, out);
  if (p.stdoutRegex && !regexFinds(p.stdoutRegex, r.stdout, 'm')) return fail(`${cmd} printed "${out.slice(0, 200).replace(/\r?\n/g, ' ⏎ ')}", want /${p.stdoutRegex}/`, out);
  if (p.jsonPath !== undefined) {
    const got = jsonAt(r.stdout, p.jsonPath);
    if (JSON.stringify(got) !== JSON.stringify(p.equals)) return fail(`${cmd}: ${p.jsonPath} is ${JSON.stringify(got)}, want ${JSON.stringify(p.equals)}`, got);
  }
  return pass(`${cmd}: ${out.slice(0, 200) || `exit ${r.exitCode}`}`, out);
}

async function container(p: Of<'container'>, ctx: ProbeContext): Promise<ProbeOutcome> {
  const c = await resolveTarget(ctx.docker, ctx.labId, p.target);
  const podman = await isPodman(ctx.docker);
  // Podman without systemd never runs scheduled healthchecks: health would read `starting` forever
  if (podman && p.health) await podmanHealthKick(ctx.docker, c.Id);
  const info = await ctx.docker.getContainer(c.Id).inspect();
  const s = info.State;
  const name = containerName(c);
  const health = s.Running ? s.Health?.Status : undefined;
  if (podman && p.oomKilled !== undefined && !s.OOMKilled && (info.HostConfig.Memory ?? 0) > 0) {
    const window = Math.min(3600, (Date.now() - Date.parse(info.Created)) / 1000 + 5);
    s.OOMKilled = oomKillsFromEvents(await podmanEvents(ctx.docker, c.Id, window)) > 0;
  }
  if (p.state && s.Status !== p.state) return fail(`${name} is ${s.Status}, want ${p.state}`, s.Status);
  if (p.health && health !== p.health) return fail(`${name} is ${health ?? 'without health'}, want ${p.health}`, health);
  if (p.maxRestarts !== undefined && info.RestartCount > p.maxRestarts) return fail(`${name} restarted ${info.RestartCount} times, want ≤ ${p.maxRestarts}`, info.RestartCount);
  if (p.oomKilled !== undefined && s.OOMKilled !== p.oomKilled) return fail(`${name} ${s.OOMKilled ? 'was' : 'was not'} OOM-killed`, s.OOMKilled);
  return pass(`${name} is ${s.Status}${health ? ` (${health})` : ''}, ${info.RestartCount} restarts`);
}

async function tcp(p: Of<'tcp'>, ctx: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  const c = await resolveTarget(ctx.docker, ctx.labId, p.target);
  const prom = await resolveTarget(ctx.docker, ctx.labId, { service: PROMETHEUS_SERVICE });
  const secs = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  // busybox nc (no -z): connects, sees stdin closed, exits 0; a refused or unreachable port exits 1 saying why
  const r = await execCapture(ctx.docker, ctx.docker.getContainer(prom.Id), ['timeout', secs, 'nc', containerName(c), String(p.port)], timeoutMs + 2000);
  const why = r.stderr.trim().replace(/^nc: /, '');
  return r.exitCode === 0 ? pass(`${containerName(c)}:${p.port} accepts connections`) : fail(`${containerName(c)}:${p.port} does not accept connections${why ? ` (${why})` : ''}`);
}

async function ledger(p: Of<'ledger'>, ctx: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  const c = await resolveTarget(ctx.docker, ctx.labId, p.target);
  const url = `http://${containerName(c)}:${p.port}/ledger`;
  const r = await labFetch(ctx, url, timeoutMs);
  if (r.status !== 200) return fail(`${url}: ${r.error ?? `HTTP ${r.status}`}`);
  const l = JSON.parse(r.body) as { produced: number; processed: number; duplicates: number; missingCount: number; pending?: number; backlog?: number };
  // missing = produced and not processed, which includes what is still in flight (pending or not yet delivered)
  const lost = Math.max(0, l.missingCount - (l.pending ?? 0) - (l.backlog ?? 0));
  const summary = `produced ${l.produced}, processed ${l.processed}, in flight ${(l.pending ?? 0) + (l.backlog ?? 0)}, lost ${lost}, duplicates ${l.duplicates}`;
  if (lost > p.maxLost) return fail(`${summary}; want lost ≤ ${p.maxLost}`, l);
  if (p.maxDuplicates !== undefined && l.duplicates > p.maxDuplicates) return fail(`${summary}; want duplicates ≤ ${p.maxDuplicates}`, l);
  return pass(summary, l);
}

export const parseMs = (d: string): number => parseDuration(d) ?? 0;

/** Time a probe's own limit leaves for the engine's bookkeeping around it (an exec's inspect, a tcp probe's nc). */
const GRACE_MS = 2500;

/**
 * One attempt of a probe; an error (engine, Prometheus, a missing service) is a failed attempt with
 * its message. The attempt ends at its `timeout` whatever its body waits on (an engine call that
 * never answers included); its regexes run on RE2, so nothing in it can hold the event loop.
 */
export async function evaluateProbe(p: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const timeoutMs = p.timeout ? parseMs(p.timeout) : 5000;
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve(fail(`${p.name}: no result within ${timeoutMs} ms (its timeout)`)), timeoutMs + GRACE_MS);
  });
  try {
    return await Promise.race([attempt(p, ctx, timeoutMs), cut]);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt(p: Probe, ctx: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    switch (p.type) {
      case 'promql':
        return await promql(p, ctx);
      case 'http':
        return await http(p, ctx, timeoutMs);
      case 'exec':
        return await exec(p, ctx, timeoutMs);
      case 'container':
        return await container(p, ctx);
      case 'tcp':
        return await tcp(p, ctx, timeoutMs);
      case 'ledger':
        return await ledger(p, ctx, timeoutMs);
      case 'inspect':
        return await inspectProbe(p, ctx);
    }
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}
