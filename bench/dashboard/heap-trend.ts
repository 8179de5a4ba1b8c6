/**
 * Is the heap growing beyond noise? A least-squares line through the per-minute readings: its rise
 * over the run is compared with twice the readings' scatter around it (about two standard errors).
 */
export interface HeapTrend {
  /** Bytes per minute. */
  slope: number;
  /** The line's rise from the first to the last minute, bytes. */
  fittedGrowth: number;
  /** Standard deviation of the readings around the line, bytes. */
  scatter: number;
  growing: boolean;
}

export function heapTrend(points: { minute: number; used: number }[]): HeapTrend {
  const n = points.length;
  if (n < 3) return { slope: 0, fittedGrowth: 0, scatter: 0, growing: false };
  const mx = points.reduce((s, p) => s + p.minute, 0) / n;
  const my = points.reduce((s, p) => s + p.used, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.minute - mx) * (p.used - my), 0);
  const slope = sxy / sxx;
  const residuals = points.map((p) => p.used - (my + slope * (p.minute - mx)));
  const scatter = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / (n - 2));
  const fittedGrowth = slope * (points[n - 1].minute - points[0].minute);
  return { slope, fittedGrowth, scatter, growing: fittedGrowth > 2 * scatter };
}
