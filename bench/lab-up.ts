/**
 * Time-to-healthy of one lab, started three ways on this machine, interleaved run by run:
 *
 *   1. labdeck   `node bin/labdeck.mjs up <lab> --name bench-ld-<i>` (LABDECK_HOME in a temp dir),
 *                timed from spawn to exit 0 (`up` returns only once every service is healthy).
 *   2. floor     a generated bash script of plain parallel `docker run -d`s for the SAME containers
 *                Labdeck plans (its Prometheus included; config files bind-mounted read-only instead
 *                of copied), networks and volumes created first; timed from the script's start until
 *                every container with a healthcheck is healthy and the rest running. It ignores the
 *                dependency order, which is what makes it the floor.
 *   3. compose   Debian's docker-compose 1.29 `-p bench-dc-<i> -f <compose file> up -d`, then polled the
 *                same way (1.29 has no --wait). It starts no Prometheus: one container fewer. It ignores
 *                `configs:` outside swarm, so an override file bind-mounts the same files read-only.
 *
 * Usage: npx tsx bench/lab-up.ts [--runs N] [--lab redis-streams]   (npm run bench:lab-up)
 *
 * Everything created carries the run's name (bench-ld-<i>, bench-fl-<i>, bench-dc-<i>) and is removed
 * after each run (untimed) and again, by label, on error or Ctrl-C. Ports are published on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { stringify } from 'yaml';
import { loadTemplate } from '../main/core/labs/template/load-template';
import { planLab } from '../main/core/labs/lab-planner';
import type { LabPlan, PlannedContainer } from '../main/core/labs/lab-plan';
import { COMPOSE_PROJECT, COMPOSE_SERVICE, LAB_LABEL } from '../main/core/labs/lab-labels';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LABDECK = join(ROOT, 'bin', 'labdeck.mjs');
const HEALTH_TIMEOUT_MS = 180_000;
/** How often the bench itself polls the floor's and docker-compose's containers (Labdeck polls every 250 ms). */
const POLL_MS = 100;

// ---------------------------------------------------------------------------------------------
// Processes, cancellation, cleanup

class Aborted extends Error {
  constructor() {
    super('interrupted');
  }
}

const aborter = new AbortController();
const checkAbort = (): void => {
  if (aborter.signal.aborted) throw new Aborted();
};
const sleep = (ms: number): Promise<void> =>
  new Promise((res, rej) => {
    if (aborter.signal.aborted) return rej(new Aborted());
    const onAbort = (): void => {
      clearTimeout(t);
      rej(new Aborted());
    };
    const t = setTimeout(() => {
      aborter.signal.removeEventListener('abort', onAbort);
      res();
    }, ms);
    aborter.signal.addEventListener('abort', onAbort, { once: true });
  });

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** performance.now() when the process exited. */
  exitAt: number;
}

interface Launched {
  child: ChildProcess;
  done: Promise<Done>;
}

/** Children still running; on Ctrl-C the bench waits for them before it removes what they made. */
const running = new Map<ChildProcess, { done: Promise<Done>; onInterrupt?: 'SIGINT' }>();

/**
 * Spawns argv (never through a shell). Children get their own process group, so a Ctrl-C in the
 * terminal reaches only the bench, which then decides: `labdeck up` gets one SIGINT (it rolls back),
 * everything else is short and is let finish before the cleanup.
 */
function launch(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; onStderrLine?: (line: string, at: number) => void; onInterrupt?: 'SIGINT' } = {}): Launched {
  checkAbort();
  const child = spawn(cmd, args, { cwd: ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const lines = createInterface({ input: child.stderr! });
  lines.on('line', (line) => {
    stderr += `${line}\n`;
    opts.onStderrLine?.(line, performance.now());
  });
  let exitAt = 0;
  child.on('exit', () => (exitAt = performance.now()));
  const done = new Promise<Done>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr, exitAt: exitAt || performance.now() }));
  });
  const entry = { done, onInterrupt: opts.onInterrupt };
  running.set(child, entry);
  void done.finally(() => running.delete(child)).catch(() => undefined);
  if (aborter.signal.aborted && opts.onInterrupt) child.kill(opts.onInterrupt);
  return { child, done };
}

async function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; allowFail?: boolean } = {}): Promise<Done> {
  const r = await launch(cmd, args, { env: opts.env }).done;
  if (r.code !== 0 && !opts.allowFail) {
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.code ?? r.signal}\n${(r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')}`);
  }
  return r;
}

/** The same as `run`, but not refused once the bench is interrupted: used only to remove things. */
async function runForCleanup(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Done> {
  const child = spawn(cmd, args, { cwd: ROOT, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((res) => {
    child.on('error', (e) => res({ code: -1, signal: null, stdout, stderr: String(e), exitAt: performance.now() }));
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr, exitAt: performance.now() }));
  });
}

const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** Removes every container, network and volume carrying `label` (key=value). Returns what it found. */
async function sweepLabel(label: string): Promise<string[]> {
  const found: string[] = [];
  const ids = lines((await runForCleanup('docker', ['ps', '-aq', '--filter', `label=${label}`])).stdout);
  if (ids.length) {
    found.push(...ids.map((id) => `container ${id}`));
    await runForCleanup('docker', ['rm', '-f', '-v', ...ids]);
  }
  const nets = lines((await runForCleanup('docker', ['network', 'ls', '-q', '--filter', `label=${label}`])).stdout);
  if (nets.length) {
    found.push(...nets.map((id) => `network ${id}`));
    await runForCleanup('docker', ['network', 'rm', ...nets]);
  }
  const vols = lines((await runForCleanup('docker', ['volume', 'ls', '-q', '--filter', `label=${label}`])).stdout);
  if (vols.length) {
    found.push(...vols.map((id) => `volume ${id}`));
    await runForCleanup('docker', ['volume', 'rm', '-f', ...vols]);
  }
  return found;
}

/** What is still to be removed, by key; each way registers its teardown before it creates anything. */
const teardowns = new Map<string, () => Promise<void>>();
const tempDirs: string[] = [];
const warnings: string[] = [];

async function teardown(key: string): Promise<void> {
  const fn = teardowns.get(key);
  if (!fn) return;
  await fn();
  teardowns.delete(key);
}

let interrupts = 0;
function onSignal(sig: NodeJS.Signals): void {
  interrupts += 1;
  if (interrupts === 1) {
    process.stderr.write(`\n${sig}: stopping; removing everything the bench created…\n`);
    aborter.abort();
    for (const [child, { onInterrupt }] of running) if (onInterrupt) child.kill(onInterrupt);
  } else {
    process.stderr.write(`${sig} again: still cleaning up, please wait (kill -9 ${process.pid} to give up and leave resources behind)\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// Waiting for health (floor and docker-compose; Labdeck waits by itself)

interface Want {
  id: string;
  name: string;
  /** 'exited0' for services others gate on with service_completed_successfully. */
  want: 'ready' | 'exited0';
}

/**
 * Polls the engine's container inspect (the call `docker inspect` makes, without starting a CLI
 * process per poll) until every container with a healthcheck is healthy and the rest running.
 */
async function waitReady(docker: Docker, wants: Want[], what: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  const stoppedPolls = new Map<string, number>();
  for (;;) {
    checkAbort();
    const states = await Promise.all(wants.map(async (w) => ({ w, s: (await docker.getContainer(w.id).inspect()).State })));
    let ready = 0;
    for (const { w, s } of states) {
      const health = s.Health?.Status;
      if (w.want === 'exited0') {
        if (s.Status === 'exited' && s.ExitCode === 0) ready += 1;
        else if (s.Status === 'exited' && !s.Restarting) throw new Error(`${what}: ${w.name} exited with code ${s.ExitCode}`);
        continue;
      }
      if (s.Running && !s.Restarting && (health === undefined || health === 'healthy')) {
        ready += 1;
        stoppedPolls.delete(w.id);
        continue;
      }
      // Docker marks a container that exited (and is waiting to restart) unhealthy with an empty log: only a running one counts.
      if (health === 'unhealthy' && s.Running && !s.Restarting) throw new Error(`${what}: ${w.name} is unhealthy: ${s.Health?.Log?.at(-1)?.Output?.trim().slice(0, 300) ?? ''}`);
      if ((s.Status === 'exited' || s.Status === 'dead') && !s.Restarting) {
        // A restart policy may bring it back; give it 3 s before calling it dead.
        const n = (stoppedPolls.get(w.id) ?? 0) + 1;
        stoppedPolls.set(w.id, n);
        if (n * POLL_MS > 3000) throw new Error(`${what}: ${w.name} stopped (exit code ${s.ExitCode})`);
      }
    }
    if (ready === wants.length) return;
    if (Date.now() > deadline) throw new Error(`${what}: not healthy after ${HEALTH_TIMEOUT_MS / 1000}s`);
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. labdeck up

interface LabdeckSample {
  seconds: number;
  /** Progress lines from stderr: step, message, seconds since spawn. */
  steps: { step: string; message: string; at: number }[];
}

async function labdeckWay(lab: string, i: number, home: string): Promise<LabdeckSample> {
  const name = `bench-ld-${i}`;
  const env = { ...process.env, LABDECK_HOME: home };
  teardowns.set(name, async () => {
    const r = await runForCleanup(process.execPath, [LABDECK, 'down', name], env);
    const left = await sweepLabel(`${LAB_LABEL}=${name}`);
    // After an interrupted `up` has rolled itself back there is nothing to take down.
    if (r.code !== 0 && !aborter.signal.aborted) warnings.push(`labdeck down ${name} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
    if (left.length) warnings.push(`after labdeck down ${name}, the bench removed what was left: ${left.join(', ')}`);
  });
  const steps: LabdeckSample['steps'] = [];
  const t0 = performance.now();
  const { done } = launch(process.execPath, [LABDECK, 'up', lab, '--name', name], {
    env,
    onInterrupt: 'SIGINT',
    onStderrLine: (line, at) => {
      const m = /^ {2}([a-z][a-z-]*)(?:: (.*))?$/.exec(line);
      if (m) steps.push({ step: m[1], message: m[2] ?? '', at: (at - t0) / 1000 });
    },
  });
  const r = await done;
  checkAbort();
  if (r.code !== 0) throw new Error(`labdeck up ${lab} --name ${name} exited ${r.code ?? r.signal}\n${r.stderr.trim()}`);
  return { seconds: (r.exitAt - t0) / 1000, steps };
}

// ---------------------------------------------------------------------------------------------
// 2. the floor: a generated shell script of parallel `docker run -d`s

/** A word for bash: left bare when it is plainly safe, else single-quoted. */
const sq = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const durationFlag = (ns: number | undefined): string | undefined => (ns === undefined || ns === 0 ? undefined : `${Math.round(ns / 1_000_000)}ms`);

const KNOWN_CREATE = new Set(['name', 'Image', 'Cmd', 'Entrypoint', 'Env', 'Labels', 'Hostname', 'WorkingDir', 'User', 'ExposedPorts', 'Healthcheck', 'StopTimeout', 'HostConfig', 'NetworkingConfig']);
const KNOWN_HOST = new Set(['PortBindings', 'Mounts', 'Memory', 'NanoCpus', 'CapAdd', 'CapDrop', 'ReadonlyRootfs', 'SecurityOpt', 'RestartPolicy', 'Init', 'ExtraHosts', 'NetworkMode']);

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Docker API ContainerCreate body → `docker create`/`docker run` flags, image and args. Refuses what it cannot translate. */
export function dockerRunArgs(c: PlannedContainer, fileMounts: { host: string; target: string }[]): string[] {
  const k = c.create;
  for (const [key, v] of Object.entries(k)) if (!KNOWN_CREATE.has(key) && !isEmpty(v)) throw new Error(`floor: ${c.name}: cannot translate ContainerCreate.${key}`);
  const h = k.HostConfig ?? {};
  for (const [key, v] of Object.entries(h)) if (!KNOWN_HOST.has(key) && !isEmpty(v)) throw new Error(`floor: ${c.name}: cannot translate HostConfig.${key}`);
  const a: string[] = ['--name', c.name];

  const net = h.NetworkMode;
  if (net) {
    a.push('--network', net);
    for (const alias of k.NetworkingConfig?.EndpointsConfig?.[net]?.Aliases ?? []) a.push('--network-alias', alias);
  }
  if (k.Hostname) a.push('--hostname', k.Hostname);
  if (k.User) a.push('--user', k.User);
  if (k.WorkingDir) a.push('--workdir', k.WorkingDir);
  for (const e of k.Env ?? []) a.push('-e', e);
  for (const [lk, lv] of Object.entries(k.Labels ?? {})) a.push('--label', `${lk}=${lv}`);
  for (const port of Object.keys(k.ExposedPorts ?? {})) a.push('--expose', port);
  for (const [port, bindings] of Object.entries(h.PortBindings ?? {}) as [string, { HostIp?: string; HostPort?: string }[]][]) {
    for (const b of bindings ?? []) {
      if (b.HostIp !== '127.0.0.1') throw new Error(`floor: ${c.name}: port ${port} is bound on ${b.HostIp || 'all addresses'}; the bench publishes only on 127.0.0.1`);
      a.push('-p', `127.0.0.1:${b.HostPort ?? ''}:${port}`);
    }
  }

  const hc = k.Healthcheck;
  if (hc?.Test?.length) {
    const [kind, ...rest] = hc.Test;
    if (kind === 'NONE') a.push('--no-healthcheck');
    else {
      // --health-cmd always makes a CMD-SHELL check; a CMD array becomes its shell-quoted line.
      a.push('--health-cmd', kind === 'CMD-SHELL' ? rest.join(' ') : kind === 'CMD' ? rest.map(sq).join(' ') : hc.Test.map(sq).join(' '));
    }
  }
  const hi = durationFlag(hc?.Interval);
  if (hi) a.push('--health-interval', hi);
  const ht = durationFlag(hc?.Timeout);
  if (ht) a.push('--health-timeout', ht);
  if (hc?.Retries) a.push('--health-retries', String(hc.Retries));
  const hs = durationFlag(hc?.StartPeriod);
  if (hs) a.push('--health-start-period', hs);

  if (k.StopTimeout !== undefined) a.push('--stop-timeout', String(k.StopTimeout));
  const rp = h.RestartPolicy;
  if (rp?.Name) a.push('--restart', rp.Name === 'on-failure' && rp.MaximumRetryCount ? `on-failure:${rp.MaximumRetryCount}` : rp.Name);
  if (h.Memory) a.push('--memory', String(h.Memory));
  if (h.NanoCpus) a.push('--cpus', String(h.NanoCpus / 1e9));
  for (const cap of h.CapAdd ?? []) a.push('--cap-add', cap);
  for (const cap of h.CapDrop ?? []) a.push('--cap-drop', cap);
  for (const opt of h.SecurityOpt ?? []) a.push('--security-opt', opt);
  for (const host of h.ExtraHosts ?? []) a.push('--add-host', host);
  if (h.ReadonlyRootfs) a.push('--read-only');
  if (h.Init) a.push('--init');

  for (const m of h.Mounts ?? []) {
    const ro = m.ReadOnly ? ':ro' : '';
    if (m.Type === 'volume') a.push('-v', m.Source ? `${m.Source}:${m.Target}${ro}` : m.Target);
    else if (m.Type === 'bind') a.push('-v', `${m.Source}:${m.Target}${ro}`);
    else if (m.Type === 'tmpfs') {
      const o = m.TmpfsOptions;
      const opts = [o?.SizeBytes ? `size=${o.SizeBytes}` : '', o?.Mode ? `mode=${o.Mode.toString(8)}` : '', m.ReadOnly ? 'ro' : ''].filter(Boolean).join(',');
      a.push('--tmpfs', opts ? `${m.Target}:${opts}` : m.Target);
    } else throw new Error(`floor: ${c.name}: cannot translate a ${m.Type} mount`);
  }
  // Config files Labdeck copies in through the engine API are bind-mounted read-only here.
  for (const f of fileMounts) a.push('-v', `${f.host}:${f.target}:ro`);

  const ep = k.Entrypoint === undefined ? undefined : Array.isArray(k.Entrypoint) ? k.Entrypoint : [k.Entrypoint];
  if (ep) a.push('--entrypoint', ep[0] ?? '');
  a.push(k.Image ?? c.image);
  if (ep) a.push(...ep.slice(1));
  if (k.Cmd !== undefined) a.push(...(Array.isArray(k.Cmd) ? k.Cmd : [k.Cmd]));
  return a;
}

/** Writes the plan's config files under dir (world-readable: Prometheus runs as nobody) and the floor script; returns the script's path. */
async function writeFloor(plan: LabPlan, dir: string): Promise<string> {
  await chmod(dir, 0o755);
  const out: string[] = [
    '#!/usr/bin/env bash',
    `# The floor for lab ${plan.labId}: Labdeck's planned containers as plain parallel \`docker run -d\`s,`,
    '# no dependency order, config files bind-mounted read-only. Generated by bench/lab-up.ts.',
    'set -u',
  ];
  for (const n of plan.networks) {
    const labels = Object.entries(n.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    out.push(['docker', 'network', 'create', '--driver', 'bridge', ...(n.internal ? ['--internal'] : []), ...labels, n.name].map(sq).join(' ') + ' >/dev/null || exit 1');
  }
  for (const v of plan.volumes) {
    const labels = Object.entries(v.labels).flatMap(([k, val]) => ['--label', `${k}=${val}`]);
    out.push(['docker', 'volume', 'create', ...labels, v.name].map(sq).join(' ') + ' >/dev/null || exit 1');
  }
  out.push('pids=()');
  for (const c of plan.containers) {
    const mounts: { host: string; target: string }[] = [];
    for (const f of c.files) {
      const host = join(dir, 'files', c.name, f.path);
      await mkdir(dirname(host), { recursive: true, mode: 0o755 });
      await writeFile(host, f.content, { mode: f.mode });
      await chmod(host, f.mode);
      if (f.uid !== undefined || f.gid !== undefined) await chown(host, f.uid ?? 0, f.gid ?? 0).catch(() => undefined);
      mounts.push({ host, target: f.path });
    }
    const args = dockerRunArgs(c, mounts);
    if (c.extraNetworks.length === 0) {
      out.push(`${['docker', 'run', '-d', ...args].map(sq).join(' ')} >/dev/null &`);
    } else {
      // `docker run` joins one network (Docker < 25); the others are connected before start.
      const connects = c.extraNetworks.map((n) => ['docker', 'network', 'connect', ...n.aliases.flatMap((x) => ['--alias', x]), n.name, c.name].map(sq).join(' '));
      out.push(`( ${['docker', 'create', ...args].map(sq).join(' ')} >/dev/null && ${connects.join(' && ')} && docker start ${sq(c.name)} >/dev/null ) &`);
    }
    out.push('pids+=($!)');
  }
  out.push('status=0', 'for p in "${pids[@]}"; do wait "$p" || status=1; done', 'exit $status', '');
  const script = join(dir, 'floor.sh');
  await writeFile(script, out.join('\n'), { mode: 0o755 });
  return script;
}

function readiness(plan: LabPlan, service: string): Want['want'] {
  return plan.gates[service] === 'service_completed_successfully' ? 'exited0' : 'ready';
}

async function floorWay(docker: Docker, templateFile: string, i: number): Promise<{ seconds: number; scriptSeconds: number; containers: number }> {
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

// ---------------------------------------------------------------------------------------------
// 3. docker-compose 1.29

/**
 * docker-compose 1.29 silently ignores `configs:` outside swarm mode (the workloads then crash-loop
 * on MODULE_NOT_FOUND), so an override file bind-mounts the same config files read-only, as the floor does.
 */
async function writeComposeOverride(plan: LabPlan, dir: string): Promise<string> {
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

async function composeWay(docker: Docker, templateFile: string, override: string, plan: LabPlan, i: number): Promise<{ seconds: number; upSeconds: number; containers: number }> {
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

// ---------------------------------------------------------------------------------------------
// Statistics and the report

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f2 = (x: number): string => x.toFixed(2);

/** Labdeck's time split by its progress steps: start-up, checks, create, each wave's start and gate, final health wait, exit. */
function phasesOf(sample: LabdeckSample): [string, number][] {
  const s = sample.steps;
  const first = (step: string, from = 0): number | undefined => s.slice(from).find((x) => x.step === step)?.at;
  const out: [string, number][] = [];
  const images = first('images');
  const networks = first('networks');
  const starts = s.filter((x) => x.step === 'start');
  const waitAll = s.find((x) => x.step === 'health' && x.message.startsWith('waiting'));
  const lastHealth = s.filter((x) => x.step === 'health').at(-1)?.at;
  if (images === undefined || networks === undefined || !starts.length || !waitAll || lastHealth === undefined) return [];
  out.push(['CLI start-up (node + tsx, open store, engine, reconcile, load template)', images]);
  out.push(['images present, ports free, no such lab', networks - images]);
  out.push(['networks, volumes, create containers, copy config files', starts[0].at - networks]);
  starts.forEach((w, k) => {
    const end = starts[k + 1]?.at ?? waitAll.at;
    const label = w.message.replace(/^wave (\d+)\/(\d+): /, 'wave $1/$2 start + gate: ');
    out.push([label, end - w.at]);
  });
  out.push(['remaining health wait (last wave)', lastHealth - waitAll.at]);
  out.push(['status table + exit', sample.seconds - lastHealth]);
  return out;
}

/**
 * What the healthcheck intervals alone impose: Docker runs a container's first probe one interval
 * after it starts (Docker < 25 has no start_interval), so a gated wave costs at least its slowest interval.
 */
function intervalBounds(plan: LabPlan): { ordered: number; parallel: number; path: string[] } {
  const interval = (c: PlannedContainer): number => (c.healthcheck ? (c.create.Healthcheck?.Interval ?? 30e9) / 1e9 : 0);
  let t = 0;
  let finish = 0;
  const path: string[] = [];
  for (const wave of plan.waves) {
    const members = plan.containers.filter((c) => wave.includes(c.service));
    for (const c of members) finish = Math.max(finish, t + interval(c));
    const gated = members.filter((c) => plan.gates[c.service] === 'service_healthy');
    const gate = Math.max(0, ...gated.map(interval));
    if (gate) path.push(`${[...new Set(gated.map((c) => c.service))].join('+')} ${gate}s`);
    t += gate;
  }
  const slowest = Math.max(0, ...plan.containers.map(interval));
  path.push(`then ${slowest}s`);
  return { ordered: Math.max(finish, t), parallel: slowest, path };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, lab: { type: 'string', default: 'redis-streams' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('usage: npx tsx bench/lab-up.ts [--runs N] [--lab redis-streams]\n');
    return 0;
  }
  const runs = Number(values.runs);
  const lab = values.lab!;
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`--runs wants a whole number ≥ 1, not ${values.runs}\n`);
    return 2;
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(lab)) {
    process.stderr.write(`--lab wants a built-in lab name, not ${lab}\n`);
    return 2;
  }
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
    `${cpus().length} CPUs, Docker ${engine.Version}, docker-compose ${compose.stdout.trim()}, Node ${process.versions.node}, ${new Date().toISOString()}`,
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
    `Healthcheck arithmetic: Docker ${engine.Version} runs a container's first probe one interval after it starts, so a start that waits for the engine's health status in dependency order cannot be healthy before ${b.ordered} s (${b.path.join(', ')}), and all-at-once not before ${b.parallel} s. Labdeck opens a dependency gate as soon as the service passes its own healthcheck test (run through exec), and waits for the engine's status only at the end, so it pays roughly the all-at-once bound plus its start-up.`,
    `Floor: its script (networks, volumes, ${flCount} parallel \`docker run -d\`) took a median ${f2(median(flScript))} s, the rest is waiting for health. docker-compose: \`up -d\` returned after a median ${f2(median(dcUp))} s (it waits for service_healthy gates itself), the rest is waiting for health.`,
  );
  if (warnings.length) out.push('', ...warnings.map((w) => `Warning: ${w}`));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

async function cleanupAll(): Promise<void> {
  // Let children finish first (`labdeck up` has been told to roll back), so nothing is made after the sweep.
  const pending = [...running.values()].map((r) => r.done.catch(() => undefined));
  if (pending.length) {
    process.stderr.write(`waiting for ${pending.length} running command(s) to finish…\n`);
    await Promise.race([Promise.all(pending), new Promise((res) => setTimeout(res, 60_000))]);
  }
  for (const key of [...teardowns.keys()]) {
    process.stderr.write(`removing ${key}…\n`);
    await teardown(key).catch((e: unknown) => process.stderr.write(`cleanup of ${key} failed: ${e instanceof Error ? e.message : String(e)}\n`));
  }
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
let code = 1;
try {
  code = await main();
} catch (e) {
  if (e instanceof Aborted || aborter.signal.aborted) code = 130;
  else process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
} finally {
  await cleanupAll();
  if (warnings.length && code !== 0) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}
process.exitCode = code;
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
