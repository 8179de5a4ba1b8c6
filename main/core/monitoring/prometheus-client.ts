import { LabdeckError } from '../../api/errors';

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

  private async get(path: string, params: Record<string, string>): Promise<PromResult> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(params)}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new LabdeckError('QUERY_FAILED', `Prometheus at ${this.baseUrl} does not answer: ${(err as Error).message}`, {
        hint: 'Check the lab with `labdeck status <lab>`; its prometheus service must be running.',
      });
    }
    const body = (await res.json().catch(() => null)) as { status?: string; data?: PromResult; error?: string; errorType?: string } | null;
    if (!body || body.status !== 'success' || !body.data) {
      throw new LabdeckError('QUERY_FAILED', `${body?.errorType ?? `HTTP ${res.status}`}: ${body?.error ?? 'no answer'}`);
    }
    return body.data;
  }

  query(promql: string, time?: string): Promise<PromResult> {
    return this.get('/api/v1/query', time ? { query: promql, time } : { query: promql });
  }

  queryRange(promql: string, start: number, end: number, stepSeconds: number): Promise<PromResult> {
    return this.get('/api/v1/query_range', { query: promql, start: String(start), end: String(end), step: String(stepSeconds) });
  }
}
