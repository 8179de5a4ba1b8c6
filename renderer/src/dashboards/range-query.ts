import type { RangeResult } from '../../../main/api/schemas/dashboards';
import { LabdeckError } from '../../../main/api/labdeck-error';
import { api } from '../state/client';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces `$service` / `$instance` by the chosen value (regex-escaped, for `=~`), or `.*` for all. */
export function substitute(expr: string, vars: Record<string, string>): string {
  return expr.replace(/\$(service|instance)\b/g, (_, name: string) => (vars[name] ? escapeRegex(vars[name]) : '.*'));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
export const MAX_RANGE_SECONDS = 7 * 86_400;

/** A custom range as a person types it (`90s`, `30m`, `2h`, `1d`, or several: `1h30m`); undefined when it is not one. */
export function parseRange(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!/^(\d+[smhd])+$/.test(t)) return undefined;
  let seconds = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)([smhd])/g)) seconds += Number(n) * UNIT_SECONDS[unit];
  return seconds >= 10 && seconds <= MAX_RANGE_SECONDS ? seconds : undefined;
}

/** Why a typed custom range is refused, in words a person can act on; undefined when it is one (or empty). */
export function rangeProblem(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || parseRange(t) !== undefined) return undefined;
  if (!/^(\d+[smhd])+$/.test(t)) return `"${text.trim().slice(0, 40)}" is not a duration: type a number and a unit (s, m, h or d), as in 90s, 30m, 2h or 1h30m`;
  return 'A range is from 10s to 7d';
}

/** The last `rangeSeconds` up to now, in about 300 steps (at least one second each). */
export function rangeWindow(rangeSeconds: number, now = Date.now() / 1000): { start: number; end: number; stepSeconds: number } {
  const end = Math.floor(now);
  return { start: end - rangeSeconds, end, stepSeconds: Math.max(1, Math.round(rangeSeconds / 300)) };
}

/** One range query of a panel against the lab's Prometheus. */
export function queryRange(labId: string, expr: string, vars: Record<string, string>, rangeSeconds: number): Promise<RangeResult> {
  return api().api['labs.queryRange']({ labId, query: substitute(expr, vars), ...rangeWindow(rangeSeconds) });
}

/** The text a panel shows when its data fails to load. */
export function errorText(e: unknown): string {
  if (e instanceof LabdeckError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
