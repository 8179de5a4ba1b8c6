/**
 * A classroom on this machine: N seats cold (each lab starts when its trainee joins) against N seats
 * pre-warmed (labs started by `class start --prewarm N`, trainees join once they are healthy); the
 * console server's CPU and RSS with N simulated trainees polling as the page does, against the same
 * server idle; the board's fetch time p95 under that load; and at rest, per seat lab, CPU and memory
 * from `docker stats`, printed as seats per core and MiB per seat.
 * Usage: npx tsx bench/classroom.ts [--seats 3] [--poll-seconds 20]   (npm run bench:classroom)
 * Needs Docker with the lab images and a built checkout (`npm run build`); removes its labs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServe, type RunningConsole } from '../e2e/launch-console';

const { values } = parseArgs({ options: { seats: { type: 'string', default: '3' }, 'poll-seconds': { type: 'string', default: '20' } } });
const N = Math.max(1, Math.min(12, Number(values.seats)));
const POLL_S = Math.max(5, Math.min(120, Number(values['poll-seconds'])));
const TEMPLATE = 'redis-streams';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

function call(served: RunningConsole, token: string) {
  const origin = new URL(served.base).origin;
  return async <T>(method: string, params: unknown = {}): Promise<T> => {
    const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
    const out = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
    if (!out.ok) throw new Error(`${method}: ${out.error?.code}: ${out.error?.message}`);
    return out.result as T;
  };
}

async function join(served: RunningConsole, code: string): Promise<string> {
  const res = await fetch(`${new URL(served.base).origin}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return ((await res.json()) as { result: { token: string } }).result.token;
}

/** Waits until every lab is healthy; the seconds it took. */
async function healthy(owner: ReturnType<typeof call>, labs: string[], since: number): Promise<number> {
  for (;;) {
    const list = await owner<{ labId: string; state: string }[]>('labs.list');
    if (labs.every((l) => list.find((x) => x.labId === l)?.state === 'healthy')) return (Date.now() - since) / 1000;
    if (Date.now() - since > 300_000) throw new Error(`not healthy in 300 s: ${labs.map((l) => `${l}=${list.find((x) => x.labId === l)?.state}`).join(' ')}`);
    await sleep(500);
  }
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
function proc(pid: number): { cpu: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
  return { cpu: (Number(stat[11]) + Number(stat[12])) / 100, rssMiB: Number(rss) / 1024 };
}

async function serverLoad(pid: number, seconds: number, load: () => Promise<void>): Promise<{ cpuPct: number; rssMiB: number }> {
  const a = proc(pid);
  const end = Date.now() + seconds * 1000;
  let rss = a.rssMiB;
  while (Date.now() < end) {
    await load();
    rss = Math.max(rss, proc(pid).rssMiB);
  }
  return { cpuPct: ((proc(pid).cpu - a.cpu) / seconds) * 100, rssMiB: rss };
}

async function classRound(served: RunningConsole, name: string, prewarm: boolean) {
  const owner = call(served, served.token);
  execFileSync(process.execPath, ['bin/labdeck.mjs', 'class', 'create', name, '--course', 'redis-worker-crash', '--seats', String(N)], { env: { ...process.env, LABDECK_HOME: served.home }, stdio: 'pipe' });
  const codes = (await owner<{ codes: { seat: string; code: string }[] }>('classes.issue', { name })).codes;
  const labs = codes.map((c) => `${c.seat}-${TEMPLATE}`);
  const t0 = Date.now();
  await owner('classes.start', { name, prewarm: prewarm ? N : 0, force: true });
  let warmup: number | undefined;
  if (prewarm) warmup = await healthy(owner, labs, t0);
  const joined = Date.now();
  const tokens = await Promise.all(codes.map((c) => join(served, c.code)));
  const toHealthy = await healthy(owner, labs, joined);
  return { owner, tokens, labs, warmup, toHealthy };
}

function labStats(labs: string[]): { cpuPct: number; memMiB: number }[] {
  return labs.map((lab) => {
    const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=io.labdeck.lab=${lab}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const rows = execFileSync('docker', ['stats', '--no-stream', '--format', '{{.CPUPerc}} {{.MemUsage}}', ...ids], { encoding: 'utf8' }).trim().split('\n');
    let cpuPct = 0;
    let memMiB = 0;
    for (const r of rows) {
      const [cpu, mem] = r.split(' ');
      cpuPct += parseFloat(cpu!);
      const m = /([\d.]+)(KiB|MiB|GiB)/.exec(mem!)!;
      memMiB += Number(m[1]) * (m[2] === 'GiB' ? 1024 : m[2] === 'KiB' ? 1 / 1024 : 1);
    }
    return { cpuPct, memMiB };
  });
}

const served = await startServe();
const pid = served.child.pid!;
try {
  const cold = await classRound(served, 'bench-cold', false);
  console.log(`cold: ${N} seats join at once, every lab healthy ${cold.toHealthy.toFixed(1)} s after the joins`);
  await call(served, served.token)('classes.end', { name: 'bench-cold' });
  const warm = await classRound(served, 'bench-warm', true);
  console.log(`pre-warmed: every lab healthy ${warm.warmup!.toFixed(1)} s after class start; after the joins ${warm.toHealthy.toFixed(1)} s`);

  // the floor: the same server with the same labs, nobody polling
  const idle = await serverLoad(pid, POLL_S, async () => void (await sleep(1000)));
  // each trainee's page: its seat, its labs, its lab's status and its runs, every 2 s
  const trainees = warm.tokens.map((t) => call(served, t));
  const boardMs: number[] = [];
  const polled = await serverLoad(pid, POLL_S, async () => {
    await Promise.all<unknown>(trainees.map((api, i) => Promise.all([api('classes.mine'), api('labs.list'), api('labs.status', { labId: warm.labs[i] }), api('runs.list')])));
    const t = performance.now();
    await warm.owner('classes.board', { name: 'bench-warm' });
    boardMs.push(performance.now() - t);
    await sleep(2000);
  });
  const rest = labStats(warm.labs);
  const cpu = rest.reduce((s, r) => s + r.cpuPct, 0) / rest.length;
  const mem = rest.reduce((s, r) => s + r.memMiB, 0) / rest.length;
  console.log(`serve, idle (floor): ${idle.cpuPct.toFixed(1)} % of a core, RSS ${idle.rssMiB.toFixed(0)} MiB`);
  console.log(`serve, ${N} trainees polling every 2 s: ${polled.cpuPct.toFixed(1)} % of a core (${(polled.cpuPct / Math.max(0.1, idle.cpuPct)).toFixed(1)}× idle), RSS ${polled.rssMiB.toFixed(0)} MiB`);
  console.log(`board fetch under that load: p95 ${p95(boardMs).toFixed(0)} ms over ${boardMs.length}; the page refetches 250 ms after class.changed, so a change shows within ~${(250 + p95(boardMs)).toFixed(0)} ms`);
  console.log(`at rest, per seat lab (${TEMPLATE}): ${cpu.toFixed(1)} % of a core, ${mem.toFixed(0)} MiB → ${(100 / cpu).toFixed(1)} seats per core, ${mem.toFixed(0)} MiB per seat`);
  await warm.owner('classes.end', { name: 'bench-warm' });
} finally {
  await served.stop();
}
