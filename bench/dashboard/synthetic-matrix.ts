/** A Prometheus `query_range` answer with one series of `points` samples, as Prometheus writes it. */

/** The body Prometheus sends: values as strings, timestamps in seconds at a fixed step. */
export function prometheusMatrixBody(points: number, stepSeconds = 0.5, seed = 0): string {
  const start = 1_763_700_000;
  const values: [number, string][] = new Array(points);
  for (let i = 0; i < points; i++) {
    // A busy, noisy line (a rate with a slow wave), so the path has no long flat runs to skip.
    const v = 500 + 200 * Math.sin((i + seed) / 300) + ((i * 7919 + seed * 104729) % 97) - 48;
    values[i] = [Math.round((start + i * stepSeconds) * 1000) / 1000, v.toFixed(3)];
  }
  const result = [{ metric: { __name__: 'workload_messages_total', service: 'worker', instance: 'worker-1:9100' }, values }];
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}
