import type { Unit } from '../../../main/api/schemas/dashboards';

const trim = (n: number, digits: number): string => {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

/** 1234 → "1.23K": the number with a K/M/G/T suffix and three significant digits at most. */
function short(v: number): string {
  const a = Math.abs(v);
  const steps: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of steps) if (a >= size) return `${trim(v / size, a / size >= 100 ? 0 : a / size >= 10 ? 1 : 2)}${suffix}`;
  if (a === 0) return '0';
  if (a < 0.001) return v.toExponential(1);
  return trim(v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

function bytes(v: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let n = Math.abs(v);
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${v < 0 ? '-' : ''}${trim(n, n >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

function seconds(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0 s';
  if (a < 1e-6) return `${trim(v * 1e9, 0)} ns`;
  if (a < 1e-3) return `${trim(v * 1e6, a < 1e-5 ? 1 : 0)} µs`;
  if (a < 1) return `${trim(v * 1e3, a < 0.01 ? 2 : a < 0.1 ? 1 : 0)} ms`;
  if (a < 60) return `${trim(v, a < 10 ? 2 : 1)} s`;
  if (a < 3600) return `${trim(v / 60, 1)} min`;
  if (a < 86400) return `${trim(v / 3600, 1)} h`;
  return `${trim(v / 86400, 1)} d`;
}

/** Formats a value in a panel's unit, compactly enough for an axis tick or a legend. */
export function formatUnit(unit: Unit, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'bytes':
      return bytes(v);
    case 'seconds':
      return seconds(v);
    case 'ms':
      return seconds(v / 1000);
    case 'ops':
      return `${short(v)} ops/s`;
    case 'reqps':
      return `${short(v)} req/s`;
    case 'percent':
      return `${trim(v, Math.abs(v) >= 10 ? 0 : 1)}%`;
    case 'percentunit':
      return `${trim(v * 100, Math.abs(v) >= 0.1 ? 0 : 1)}%`;
    case 'none':
      return trim(v, Math.abs(v) >= 100 ? 0 : 2);
    default:
      return short(v);
  }
}

/** A formatter bound to a unit, for uPlot's axis and legend callbacks. */
export const unitFormatter =
  (unit: Unit) =>
  (v: number | null | undefined): string =>
    formatUnit(unit, v);
