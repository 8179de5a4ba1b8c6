import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Unit } from '../../../main/api/schemas/dashboards';
import { measuredAxisSize, timeAxis } from './chart-axes';
import { annotationsPlugin, type Annotation } from './annotations';
import { formatUnit } from './format-units';
import { stackAligned, type Aligned } from './series-to-uplot';
import { PALETTE, useThemeColors, type ThemeColors } from './theme-colors';

interface Props {
  data: Aligned;
  labels: string[];
  unit: Unit;
  stacked: boolean;
  syncKey: string;
  height?: number;
  /** Events drawn as vertical lines on the time axis. */
  annotations?: Annotation[];
}

const alpha = (hex: string, a: number): string => `${hex}${Math.round(a * 255).toString(16).padStart(2, '0')}`;

function options(p: Props, width: number, colors: ThemeColors, raw: { current: Aligned }, zoomed: { current: boolean }, marks: { current: Annotation[] }): uPlot.Options {
  const fmt = (v: number | null): string => formatUnit(p.unit, v);
  const axis = { stroke: colors.muted, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  return {
    width,
    height: p.height ?? 220,
    cursor: { sync: { key: p.syncKey, setSeries: false }, drag: { x: true, y: false } },
    legend: { live: true },
    plugins: [annotationsPlugin(marks)],
    scales: { x: { time: true } },
    axes: [
      { ...axis, ...timeAxis },
      { ...axis, size: measuredAxisSize, values: (_u, splits) => splits.map(fmt) },
    ],
    series: [
      {},
      ...p.labels.map((label, i) => {
        const color = PALETTE[i % PALETTE.length];
        return {
          label,
          stroke: color,
          width: 1.5,
          spanGaps: false,
          points: { show: false },
          fill: p.stacked ? alpha(color, 0.35) : undefined,
          // Stacked charts draw running sums; the legend shows each series' own value.
          value: (_u: uPlot, v: number | null, si: number, idx: number | null) => fmt(p.stacked && idx !== null ? raw.current[si][idx] : v),
        };
      }),
    ],
    bands: p.stacked ? p.labels.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number] })) : undefined,
    hooks: {
      setSelect: [(u) => void (u.select.width > 0 && (zoomed.current = true))],
      ready: [(u) => u.over.addEventListener('dblclick', () => (zoomed.current = false))],
    },
  };
}

/**
 * One uPlot chart: made again when its series, unit or theme change; otherwise fed new data in place.
 * Drag selects a range to zoom into (kept across refreshes), double-click zooms out, the crosshair
 * follows every chart with the same sync key.
 */
export function UPlotChart(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const raw = useRef<Aligned>(props.data);
  const zoomed = useRef(false);
  const marks = useRef<Annotation[]>(props.annotations ?? []);
  const colors = useThemeColors();
  const shape = `${props.labels.join('\u0000')}|${props.unit}|${props.stacked}|${props.syncKey}|${props.height}`;
  raw.current = props.data;

  useEffect(() => {
    const el = host.current!;
    const p = props;
    const u = new uPlot(options(p, el.clientWidth || 400, colors, raw, zoomed, marks), p.stacked ? stackAligned(raw.current) : raw.current, el);
    chart.current = u;
    zoomed.current = false;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: p.height ?? 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // `shape` stands for the props that decide the chart's structure; data arrives through setData below.
  }, [shape, colors]);

  useEffect(() => {
    chart.current?.setData(props.stacked ? stackAligned(props.data) : props.data, !zoomed.current);
  }, [props.data, props.stacked]);

  useEffect(() => {
    marks.current = props.annotations ?? [];
    // A chart that has not drawn yet (no data, or no size) has no axes to redraw against; its first draw shows the marks.
    const u = chart.current;
    if (u && u.data[0]?.length && u.bbox.width > 0) u.redraw(false, true);
  }, [props.annotations]);

  return <div ref={host} className="uplot-host" />;
}
