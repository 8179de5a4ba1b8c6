import type { RangeResult } from '../../../main/api/schemas/dashboards';

export type Series = RangeResult['series'][number];
/** uPlot's data: the shared x values (unix seconds), then one y array per series, null where it has no point. */
export type Aligned = [number[], ...(number | null)[][]];

/** `{{service}} {{instance}}` → the labels filled in; without a template, `name{a="b"}` like Prometheus. */
export function legendFor(labels: Record<string, string>, template?: string): string {
  if (template) return template.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, k: string) => labels[k] ?? '').trim() || '{}';
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : name || '{}';
}

/** Puts several series on one sorted time axis; a series without a point at a time gets null there. */
export function alignSeries(series: Series[]): Aligned {
  const times = new Set<number>();
  for (const s of series) for (const [t] of s.points) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.points) y[index.get(t)!] = Number.isFinite(v) ? v : null;
    return y;
  });
  return [xs, ...ys];
}

/** Running sums across series, for a stacked chart: each y is itself plus every series before it. */
export function stackAligned(data: Aligned): Aligned {
  const [xs, ...ys] = data;
  const acc: number[] = new Array<number>(xs.length).fill(0);
  const out = ys.map((y) =>
    y.map((v, i) => {
      if (v === null) return null;
      acc[i] += v;
      return acc[i];
    }),
  );
  return [xs, ...out];
}

/** How many non-null y values the chart draws. */
export function countPoints(data: Aligned): number {
  let n = 0;
  for (let s = 1; s < data.length; s++) for (const v of data[s]) if (v !== null) n++;
  return n;
}
