import type uPlot from 'uplot';

/**
 * Axis sizing and tick labels for the charts. uPlot's y axis has a fixed width by default, and a
 * label wider than it is clipped on the left ("150 ops/s" read as "50 ops/s"); its time ticks keep
 * a date prefix that runs into the next tick at narrow widths.
 */

const TICK_AND_GAP = 10 + 5;

/** The y axis width that fits its widest label (measured), plus tick and gap; never under 36 px. */
export function axisSizeFor(labels: readonly (string | null)[] | null | undefined, measure: (text: string) => number): number {
  let widest = 0;
  for (const l of labels ?? []) if (l) widest = Math.max(widest, measure(l));
  return Math.max(36, Math.ceil(widest + TICK_AND_GAP));
}

/** uPlot's `size` callback measuring with the chart's own canvas and axis font. */
export const measuredAxisSize: uPlot.Axis.Size = (u, values, axisIdx) => {
  const axis = u.axes[axisIdx];
  // the y splits depend on the height only, so the size settles on uPlot's second sizing cycle
  const font = axis.font?.[0];
  if (font) u.ctx.font = font;
  // the canvas is scaled by the device pixel ratio, the axis size is in CSS pixels
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  return axisSizeFor(values, (t) => u.ctx.measureText(t).width / ratio);
};

const two = (n: number): string => String(n).padStart(2, '0');

/** Time tick labels by the span shown: seconds under 3 minutes, a day's clock under 2 days, else the date and hour. */
export function timeTicks(splits: readonly number[], spanSeconds: number): string[] {
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
    if (spanSeconds < 180) return `${hm}:${two(d.getSeconds())}`;
    if (spanSeconds < 2 * 86400) return hm;
    return `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
  });
}

/** The least space between time ticks for those labels at the chart's 11.5 px font, with room between. */
export function timeTickSpace(spanSeconds: number): number {
  return spanSeconds < 180 ? 70 : spanSeconds < 2 * 86400 ? 56 : 92;
}

const spanOf = (u: uPlot): number => (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);

/** The x axis options: ticks spaced and labelled by the span, so neighbours never touch. */
export const timeAxis: Pick<uPlot.Axis, 'space' | 'values'> = {
  space: (u) => timeTickSpace(spanOf(u)),
  values: (u, splits) => timeTicks(splits, spanOf(u)),
};
