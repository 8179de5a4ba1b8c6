/** A small line of the values, scaled to its box; no axes, no interaction. */
export function Sparkline({ points, color }: { points: [number, number][]; color: string }) {
  if (points.length < 2) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]).filter(Number.isFinite);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number): number => ((x - x0) / (x1 - x0 || 1)) * 100;
  const sy = (y: number): number => 28 - ((y - y0) / (y1 - y0 || 1)) * 26;
  const d = points.filter((p) => Number.isFinite(p[1])).map((p) => `${sx(p[0]).toFixed(2)},${sy(p[1]).toFixed(2)}`);
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={`0,30 ${d.join(' ')} 100,30`} fill={color} fillOpacity={0.15} stroke="none" />
      <polyline points={d.join(' ')} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
