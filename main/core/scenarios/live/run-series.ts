import type { Probe, Scenario } from '../../../api/schemas/scenarios';
import { decodeMatrix } from '../../monitoring/prometheus-client';
import type { ProbeContext } from '../probes/probe-context';

export interface KeySeries {
  title: string;
  expr: string;
  comparator: string;
  threshold: number;
  series: { labels: Record<string, string>; points: [number, number][] }[];
}

type PromProbe = Extract<Probe, { type: 'promql' }>;

/** The scenario's key series: the PromQL of its steady state, tasks and verify (first 4 distinct). */
export function keyProbes(s: Scenario): PromProbe[] {
  const all = [...s.steadyState.probes, ...s.tasks.map((t) => t.check), ...s.verify].filter((p): p is PromProbe => p.type === 'promql');
  const seen = new Set<string>();
  return all.filter((p) => !seen.has(p.expr) && seen.add(p.expr)).slice(0, 4);
}

/**
 * The key series over the run, read from the lab's Prometheus at the end and kept in the journal,
 * so the report draws them after the lab is gone. At most 6 series of ~200 points each per query.
 */
export async function captureSeries(s: Scenario, ctx: ProbeContext, startMs: number, endMs: number): Promise<KeySeries[]> {
  const probes = keyProbes(s);
  if (!probes.length) return [];
  const prom = await ctx.prometheus();
  const start = Math.floor(startMs / 1000) - 30;
  const end = Math.ceil(endMs / 1000);
  const step = Math.max(1, Math.ceil((end - start) / 200));
  const out: KeySeries[] = [];
  for (const p of probes) {
    try {
      const { series } = decodeMatrix(await prom.queryRange(p.expr, start, end, step));
      out.push({ title: p.name, expr: p.expr, comparator: p.comparator, threshold: p.threshold, series: series.slice(0, 6) });
    } catch {
      // a series that cannot be read is left out of the report, not the run
    }
  }
  return out;
}
