/** One reading of the soak, `at` seconds after sampling began. */
export interface SoakSample {
  at: number;
  /** Resident memory of `labdeck serve`, bytes. */
  serveRss: number;
  /** JS heap used after a forced collection, bytes, per page (dashboard, terminals). */
  dashboardHeap: number;
  terminalsHeap: number;
  /** Output bytes the terminals page has received so far. */
  terminalBytes: number;
  /** Points the dashboard's panels draw now. */
  points: number;
}

export interface Trend {
  /** Least-squares slope, bytes per hour. */
  perHour: number;
  /** The slope's standard error, bytes per hour. */
  error: number;
  /** The line's rise over the window, bytes. */
  fittedGrowth: number;
  /** Growing: the slope is over two standard errors above zero and over `floor` per hour. */
  growing: boolean;
}

/** A slope under this is not a trend worth the name: a 200 MB budget would last 40 hours. */
export const GROWTH_FLOOR_PER_HOUR = 5 * 1024 * 1024;

/** The least-squares trend of `pick` over the samples from `from` seconds on (the warm-up left out). */
export function trendOf(samples: SoakSample[], pick: (s: SoakSample) => number, from: number, floor = GROWTH_FLOOR_PER_HOUR): Trend {
  const pts = samples.filter((s) => s.at >= from).map((s) => ({ x: s.at / 3600, y: pick(s) }));
  const n = pts.length;
  if (n < 3) return { perHour: 0, error: Number.POSITIVE_INFINITY, fittedGrowth: 0, growing: false };
  const mx = pts.reduce((a, p) => a + p.x, 0) / n;
  const my = pts.reduce((a, p) => a + p.y, 0) / n;
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  const rss = pts.reduce((a, p) => a + (p.y - (my + slope * (p.x - mx))) ** 2, 0);
  const error = Math.sqrt(rss / (n - 2) / sxx);
  return { perHour: slope, error, fittedGrowth: slope * (pts[n - 1].x - pts[0].x), growing: slope > 2 * error && slope > floor };
}
