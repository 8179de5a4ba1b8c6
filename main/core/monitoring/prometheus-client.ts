import { LabdeckError } from '../../api/errors';
import type { ActiveAlert } from '../../api/schemas/lab-events';

export interface PromResult {
  resultType: string;
  result: unknown;
}

/** Prometheus HTTP API client (instant and range queries); errors come back as QUERY_FAILED with Prometheus' words. */
export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async get<T = PromResult>(path: string, params: Record<string, string>): Promise<T> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(params)}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new LabdeckError('QUERY_FAILED', `Prometheus at ${this.baseUrl} does not answer: ${(err as Error).message}`, {
        hint: 'Check the lab with `labdeck status <lab>`; its prometheus service must be running.',
      });
    }
    const body = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: string; errorType?: string } | null;
    if (!body || body.status !== 'success' || !body.data) {
      // bad_data is a query Prometheus cannot parse: the user's input, not a failure of the lab
      const code = body?.errorType === 'bad_data' ? 'BAD_REQUEST' : 'QUERY_FAILED';
      throw new LabdeckError(code, `${body?.errorType ?? `HTTP ${res.status}`}: ${body?.error ?? 'no answer'}`);
    }
    return body.data;
  }

  query(promql: string, time?: string): Promise<PromResult> {
    return this.get('/api/v1/query', time ? { query: promql, time } : { query: promql });
  }

  queryRange(promql: string, start: number, end: number, stepSeconds: number): Promise<PromResult> {
    return this.get('/api/v1/query_range', { query: promql, start: String(start), end: String(end), step: String(stepSeconds) });
  }

  /** Alerts pending or firing now, as the rule manager holds them. */
  async alerts(): Promise<ActiveAlert[]> {
    const data = await this.get<{ alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string; activeAt?: string; value?: string }[] }>('/api/v1/alerts', {});
    return data.alerts
      .filter((a) => a.state === 'firing' || a.state === 'pending')
      .map((a) => ({ name: a.labels.alertname ?? '', state: a.state as ActiveAlert['state'], labels: a.labels, annotations: a.annotations ?? {}, activeAt: a.activeAt, value: a.value }));
  }
}

/** A range query's matrix as numbers: Prometheus sends values as strings ("NaN", "+Inf" included). */
export function decodeMatrix(r: PromResult): { series: { labels: Record<string, string>; points: [number, number][] }[] } {
  if (r.resultType !== 'matrix') throw new LabdeckError('QUERY_FAILED', `expected a range result (matrix), got ${r.resultType}`);
  const rows = r.result as { metric: Record<string, string>; values: [number, string][] }[];
  return { series: rows.map((m) => ({ labels: m.metric, points: m.values.map(([t, v]) => [t, Number(v)] as [number, number]) })) };
}
