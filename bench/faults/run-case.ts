/** Times one fault case, run after run: inject → effect seen, and the revert. */
import type Docker from 'dockerode';
import { LabdeckError } from '../../main/api/errors';
import type { FaultService } from '../../main/core/faults/fault-service';
import type { FaultCase, Probe } from './cases';

export interface CaseResult {
  name: string;
  goalMs: number;
  effectMs: number[];
  revertMs: number[];
  /** how the effect was seen: polled, or in place when inject returned (checked once) */
  how: 'polled' | 'on return';
  verified?: boolean;
  skipped?: string;
}

async function poll(check: () => Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function runCase(faults: FaultService, probe: Probe, c: FaultCase, runs: number): Promise<CaseResult> {
  const out: CaseResult = { name: c.name, goalMs: c.goalMs, effectMs: [], revertMs: [], how: c.observe ? 'polled' : 'on return' };
  const target = typeof c.spec.target.service === 'string' ? c.spec.target.service : '';
  for (let i = 0; i < runs; i++) {
    const before: Docker.ContainerInspectInfo = await probe.inspect(target);
    const t0 = performance.now();
    let id: string;
    try {
      id = (await faults.inject(probe.lab, c.spec)).id;
    } catch (err) {
      if (err instanceof LabdeckError && err.code === 'NETEM_UNAVAILABLE') return { ...out, skipped: 'NETEM_UNAVAILABLE (no sch_netem in this kernel)' };
      throw err;
    }
    if (c.observe && !(await poll(() => c.observe!(probe, before), 10_000))) throw new Error(`${c.name}: effect not seen within 10 s`);
    out.effectMs.push(performance.now() - t0);
    if (i === 0 && c.verify) out.verified = await c.verify(probe);
    const r0 = performance.now();
    const report = await faults.revert(id);
    out.revertMs.push(performance.now() - r0);
    if (report.outcome !== 'reverted' && report.outcome !== 'nothing-to-do') throw new Error(`${c.name}: revert ${report.outcome} ${report.note ?? ''}`);
    if (c.settle && !(await poll(() => c.settle!(probe), 15_000, 50))) throw new Error(`${c.name}: the lab did not settle after the revert`);
  }
  return out;
}
