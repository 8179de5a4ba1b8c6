/**
 * A sortable key for an engine log timestamp (RFC 3339, up to nanoseconds, `Z` or an offset): UTC
 * milliseconds, zero-padded, then the sub-millisecond digits. Docker and Podman write different
 * precisions; this keeps their order exact. Core merges by it and the renderer's log buffer too.
 */
export function timeKey(time: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!m) return '';
  const ms = Date.parse(`${m[1]}${m[3]}`);
  const frac = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  return `${String(ms).padStart(15, '0')}.${frac}`;
}
