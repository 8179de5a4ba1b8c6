import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../app-core';
import { dockerOn } from '../../testing/docker-cli';
import { REPO_ROOT } from '../../testing/test-core';

/** Test support: the fault fixture lab, with the canary app's bundle beside it. */
export function faultLabTemplate(): { dir: string; cleanup: () => void } {
  const bundle = join(REPO_ROOT, 'resources/labs/canary-web/workloads/canary-app.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` (node scripts/build-workloads.mjs) first`);
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-faultlab-'));
  cpSync(join(REPO_ROOT, 'main/core/faults/fixtures/faultlab'), dir, { recursive: true });
  mkdirSync(join(dir, 'workloads'));
  cpSync(bundle, join(dir, 'workloads/canary-app.js'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Brings the fixture lab up on the core's engine (trusted: its toolboxes add NET_RAW to ping); throws with the job's error if it does not come up. */
export async function upFaultLab(core: Core, labId: string): Promise<void> {
  const t = faultLabTemplate();
  try {
    const done = await core.jobs.wait((await core.labs.up(t.dir, labId, { trust: true })).jobId);
    if (done.error) throw new Error(`fault lab did not come up: ${done.error.code} ${done.error.message}`);
  } finally {
    t.cleanup();
  }
}

/** The docker CLI against one engine, with helpers that read a lab container's state from outside. */
export function probes(endpoint: string, labId: string) {
  const docker = (...args: string[]): string => dockerOn(endpoint, ...args);
  const name = (service: string, n = 1): string => `${labId}-${service}-${n}`;
  const state = (service: string): { Status: string; Running: boolean; Paused: boolean; StartedAt: string; OOMKilled: boolean; ExitCode: number } =>
    JSON.parse(docker('inspect', '--format', '{{json .State}}', name(service)));
  const exec = (service: string, ...argv: string[]): string => docker('exec', name(service), ...argv);
  /** Share of `count` pings from `from` to `to` that got no answer, 0..1. */
  const pingLoss = (from: string, to: string, count = 100): number => {
    let out: string;
    try {
      out = exec(from, 'ping', '-q', '-c', String(count), '-i', '0.02', '-W', '2', to);
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? '');
    }
    const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(out);
    if (!m) throw new Error(`no ping summary: ${out}`);
    return 1 - Number(m[2]) / Number(m[1]);
  };
  /** Times of `count` GETs of `url` made from inside `from`, in ms, sorted. */
  const httpTimes = (from: string, url: string, count = 20): number[] =>
    exec(from, 'sh', '-c', 'for i in $(seq 1 "$1"); do curl -s -o /dev/null -m 10 -w "%{time_total}\\n" "$2"; done', 'measure', String(count), url)
      .split('\n')
      .filter(Boolean)
      .map((s) => Number(s) * 1000)
      .sort((x, y) => x - y);
  /** What an HTTP connection from `from` to `url` meets within `seconds`: an answer, a refusal, a timeout or no such name (curl's exit codes). */
  const reach = (from: string, url: string, seconds = 2): 'ok' | 'refused' | 'timeout' | 'unresolved' | 'other' => {
    try {
      exec(from, 'curl', '-s', '-o', '/dev/null', '--connect-timeout', String(seconds), '-m', String(seconds + 1), url);
      return 'ok';
    } catch (err) {
      const code = (err as { status?: number }).status;
      return code === 7 ? 'refused' : code === 28 ? 'timeout' : code === 6 ? 'unresolved' : 'other';
    }
  };
  /** Whether an HTTP GET from `from` gets any answer within `seconds`. */
  const answers = (from: string, url: string, seconds = 2): boolean => {
    try {
      exec(from, 'curl', '-s', '-o', '/dev/null', '-m', String(seconds), url);
      return true;
    } catch {
      return false;
    }
  };
  const iptablesRules = (service: string): string =>
    docker('run', '--rm', '--network', `container:${name(service)}`, '--cap-add', 'NET_ADMIN', 'lab/toolbox:1', 'iptables', '-S');
  const qdiscs = (service: string): string => docker('run', '--rm', '--network', `container:${name(service)}`, 'lab/toolbox:1', 'tc', 'qdisc', 'show');
  return { docker, name, state, exec, pingLoss, httpTimes, reach, answers, iptablesRules, qdiscs };
}

export const p95 = (sorted: number[]): number => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
