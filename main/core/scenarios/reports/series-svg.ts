import type { KeySeries } from '../live/run-series';

const COLORS = ['#1971c2', '#e8590c', '#2f9e44', '#9c36b5', '#c2255c', '#0c8599'];
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (v: number): string => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toPrecision(3) : String(Math.round(v * 100) / 100));

/**
 * One key series as an inline SVG chart (no script, nothing fetched): lines per series, the probe's
 * threshold dashed, and the run's marks (faults, detection, end) as vertical lines.
 */
export function seriesSvg(k: KeySeries, marks: { t: number; label: string; color: string }[] = [], w = 640, h = 160): string {
  const pts = k.series.flatMap((s) => s.points).filter(([, v]) => Number.isFinite(v));
  if (!pts.length) return `<p class="muted">${esc(k.title)}: no samples in the run's window.</p>`;
  const t0 = Math.min(...pts.map(([t]) => t));
  const t1 = Math.max(...pts.map(([t]) => t), t0 + 1);
  const values = [...pts.map(([, v]) => v), k.threshold];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, lo + 1);
  const pad = { l: 48, r: 8, t: 8, b: 20 };
  const x = (t: number): number => pad.l + ((t - t0) / (t1 - t0)) * (w - pad.l - pad.r);
  const y = (v: number): number => h - pad.b - ((v - lo) / (hi - lo)) * (h - pad.t - pad.b);
  const lines = k.series
    .map((s, i) => {
      const d = s.points.filter(([, v]) => Number.isFinite(v)).map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      const name = Object.entries(s.labels).map(([a, b]) => `${a}=${b}`).join(', ') || k.expr;
      return `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5" points="${d}"><title>${esc(name)}</title></polyline>`;
    })
    .join('');
  const thr = `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(k.threshold).toFixed(1)}" y2="${y(k.threshold).toFixed(1)}" stroke="#868e96" stroke-dasharray="4 3"><title>threshold ${esc(k.comparator)} ${fmt(k.threshold)}</title></line>`;
  const ms = marks
    .filter((m) => m.t >= t0 && m.t <= t1)
    .map((m) => `<line x1="${x(m.t).toFixed(1)}" x2="${x(m.t).toFixed(1)}" y1="${pad.t}" y2="${h - pad.b}" stroke="${m.color}" stroke-dasharray="2 2"><title>${esc(m.label)}</title></line>`)
    .join('');
  const axis = `<text x="${pad.l - 4}" y="${y(hi) + 10}" text-anchor="end">${fmt(hi)}</text><text x="${pad.l - 4}" y="${y(lo)}" text-anchor="end">${fmt(lo)}</text><text x="${pad.l}" y="${h - 4}">${new Date(t0 * 1000).toISOString().slice(11, 19)}</text><text x="${w - pad.r}" y="${h - 4}" text-anchor="end">${new Date(t1 * 1000).toISOString().slice(11, 19)}</text>`;
  return `<figure><figcaption>${esc(k.title)} <code>${esc(k.expr)}</code></figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(k.title)}" font-size="10" fill="#495057"><rect x="${pad.l}" y="${pad.t}" width="${w - pad.l - pad.r}" height="${h - pad.t - pad.b}" fill="none" stroke="#dee2e6"/>${thr}${lines}${ms}${axis}</svg></figure>`;
}
