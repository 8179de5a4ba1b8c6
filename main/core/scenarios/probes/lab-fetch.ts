import { PROMETHEUS_SERVICE } from '../../monitoring/prometheus-config';
import { execCapture } from '../../labs/engine-ops/exec-capture';
import type { ProbeContext } from './probe-context';
import { resolveTarget } from './probe-target';

export interface LabResponse {
  status?: number;
  body: string;
  ms: number;
  error?: string;
}

/**
 * An HTTP GET from inside the lab's network (the host reaches only published ports): busybox wget in
 * the lab's Prometheus container, which every lab has. Any 2xx is reported as 200 (busybox does not
 * print a success's status). The time includes the exec (tens of ms).
 */
export async function labFetch(ctx: ProbeContext, url: string, timeoutMs: number): Promise<LabResponse> {
  const prom = await resolveTarget(ctx.docker, ctx.labId, { service: PROMETHEUS_SERVICE });
  const started = performance.now();
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  // busybox wget 1.35 crashes with -S or -T, so `timeout` bounds it, and a success is known only as 2xx (reported as 200)
  const r = await execCapture(ctx.docker, ctx.docker.getContainer(prom.Id), ['timeout', seconds, 'wget', '-q', '-O', '-', url], timeoutMs + 2000);
  const ms = Math.round(performance.now() - started);
  const status = r.exitCode === 0 ? 200 : Number(/HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(r.stderr)?.[1]) || undefined;
  if (status === undefined) return { body: '', ms, error: r.timedOut ? `no answer within ${timeoutMs} ms` : (r.stderr.trim().split('\n').at(-1) ?? `wget exited ${r.exitCode}`) };
  return { status, body: r.stdout, ms };
}
