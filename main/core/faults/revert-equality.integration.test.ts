import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabdeckError } from '../../api/errors';
import { hasDocker } from '../../testing/requirements';
import { engineRows } from '../../testing/engines';
import { testCore, uniqueLab } from '../../testing/test-core';
import { FAULT_KINDS, type FaultSpecInput } from './fault-model';
import { observe, type ObservedState } from './fault-state-snapshot';
import { probes, upFaultLab } from './fault-test-lab';

const ready = await hasDocker();
// without an engine: one placeholder row, skipped (hasDocker said so loudly, or failed under LABDECK_REQUIRE_DOCKER)
const engines = engineRows(ready);
const requireNetem = process.env.LABDECK_REQUIRE_NETEM === '1';

interface Case {
  name: string;
  fault: FaultSpecInput;
  /** The workload port when the target serves /admin. */
  adminPort?: number;
  /** Puts the target in a state other than its start state first, so a revert to "neutral" values shows. */
  setup?: (p: ReturnType<typeof probes>) => void;
}

const adminPost = (p: ReturnType<typeof probes>, body: object): void => {
  p.exec('app', 'node', '-e', `fetch('http://127.0.0.1:8080/admin',{method:'POST',body:${JSON.stringify(JSON.stringify(body))}}).then((r)=>process.exit(r.ok?0:1))`);
};

/** One case at least per fault kind the registry has (a test below keeps it so). */
const CASES: Case[] = [
  { name: 'kill', fault: { kind: 'kill', target: { service: 'b' } } },
  { name: 'stop', fault: { kind: 'stop', target: { service: 'b' }, params: { timeoutSeconds: 1 } } },
  { name: 'restart', fault: { kind: 'restart', target: { service: 'b' }, params: { timeoutSeconds: 1 } } },
  { name: 'pause', fault: { kind: 'pause', target: { service: 'b' } } },
  { name: 'loss (iptables)', fault: { kind: 'loss', target: { service: 'a' }, params: { percent: 30, direction: 'both' } } },
  { name: 'bandwidth (tbf)', fault: { kind: 'bandwidth', target: { service: 'a' }, params: { rate: '1mbit' } } },
  { name: 'netem', fault: { kind: 'netem', target: { service: 'a' }, params: { delayMs: 50 } } },
  {
    name: 'app latency and errors over a latency already set',
    fault: { kind: 'app', target: { service: 'app' }, params: { port: 8080, latencyMs: 300, errorRatio: 0.5 } },
    adminPort: 8080,
    setup: (p) => adminPost(p, { latencyMs: 40 }),
  },
  { name: 'app leak', fault: { kind: 'app', target: { service: 'app' }, params: { port: 8080, leakMbPerSec: 5 } }, adminPort: 8080 },
  { name: 'partition from the network', fault: { kind: 'partition', target: { service: 'a' } } },
  { name: 'partition from a service (reject)', fault: { kind: 'partition', target: { service: 'a' }, params: { from: 'b', action: 'reject' } } },
  { name: 'cpu stress', fault: { kind: 'cpu', target: { service: 'a' }, params: { workers: 1 } } },
  { name: 'memory stress', fault: { kind: 'memory', target: { service: 'a' }, params: { size: '16m' } } },
  { name: 'disk fill', fault: { kind: 'disk', target: { service: 'a' }, params: { path: '/data', size: '8m' } } },
  { name: 'limit (memory and cpus)', fault: { kind: 'limit', target: { service: 'hog' }, params: { memory: '200m', cpus: 0.5 } } },
  { name: 'exec with revertArgv', fault: { kind: 'exec', target: { service: 'a' }, params: { argv: ['touch', '/tmp/broken'], revertArgv: ['rm', '/tmp/broken'] } } },
];

/**
 * What an engine changes by itself, whatever a revert does, named case by case; everything else
 * must be equal. Podman 4.3 (CNI) gives a container a new address and MAC at every start, so a stop or kill
 * and its start move it (peers reach it by name). Docker 20.10 names the interface of a network
 * connected again eth1, not eth0, and has no way to choose the name.
 */
function withoutEngineDrift(engine: string, fault: FaultSpecInput, s: ObservedState): ObservedState {
  const kind = fault.kind;
  if (engine === 'podman' && ['kill', 'stop', 'restart'].includes(kind)) return { ...s, networks: s.networks.map((n) => ({ ...n, ip: '(new at every start on Podman)', mac: '(new at every start on Podman)' })) };
  if (engine === 'docker' && kind === 'partition' && !fault.params?.from) return { ...s, qdiscs: s.qdiscs.map((l) => l.replace(/dev eth\d+/, 'dev eth(renamed on reconnect by Docker)')) };
  return s;
}

describe('revert-equality cases', () => {
  it('cover every fault kind of the registry', () => {
    expect([...new Set(CASES.map((c) => c.fault.kind))].sort()).toEqual([...FAULT_KINDS].sort());
  });
});


for (const { name: engineName, endpoint } of engines) {
  describe.skipIf(!ready)(`every fault's revert gives back the state it found, on ${engineName}`, () => {
    const t = testCore(endpoint);
    const lab = uniqueLab('feq');
    const p = probes(endpoint, lab);

    beforeAll(async () => {
      await upFaultLab(t.core, lab);
    }, 180_000);
    afterAll(async () => {
      await t.core.faults.revertAll({ labId: lab });
      await t.core.labs.down(lab).catch(() => undefined);
      await t.cleanup();
    }, 120_000);

    for (const c of CASES) {
      it(c.name, async (ctx) => {
        c.setup?.(p);
        const target = p.name(c.fault.target.service);
        const look = () => observe(endpoint, target, { adminPort: c.adminPort });
        const before = look();
        let err: LabdeckError | undefined;
        const f = await t.core.faults.inject(lab, c.fault).catch((e: LabdeckError) => {
          err = e;
          return undefined;
        });
        if (!f) {
          expect(c.fault.kind === 'netem' ? err?.code : undefined, err?.message).toBe('NETEM_UNAVAILABLE');
          expect(look(), 'a netem that could not start must leave nothing behind').toEqual(before);
          if (requireNetem) throw new Error('netem is required (LABDECK_REQUIRE_NETEM=1) but this kernel has no sch_netem');
          process.stderr.write(`\n!!! SKIPPING the netem revert on ${engineName}: this kernel has no sch_netem (checked that the refusal left nothing). !!!\n\n`);
          ctx.skip();
          return;
        }
        // a kill returns when the signal is sent; the container exits a moment later
        for (let i = 0; c.fault.kind === 'kill' && p.state(c.fault.target.service).Running && i < 50; i++) await new Promise((res) => setTimeout(res, 200));
        const during = look();
        if (c.fault.kind !== 'restart') expect(during, 'the fault must change what can be seen, or this test proves nothing').not.toEqual(before);
        const r = await t.core.faults.revert(f.id);
        expect(r.outcome, r.note).toMatch(/^(reverted|nothing-to-do)$/);
        const drift = (st: ObservedState): ObservedState => withoutEngineDrift(engineName, c.fault, st);
        expect(drift(look())).toEqual(drift(before));
      }, 90_000);
    }
  });
}
