import { useCallback, useMemo } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { useLabEvents } from '../state/lab-events-store';
import { toAnnotations } from './annotations';
import { useDashboard } from './dashboard-context';
import { PanelFrame } from './panel-frame';
import { queryRange } from './range-query';
import { alignSeries, countPoints, legendFor, type Series } from './series-to-uplot';
import { UPlotChart } from './uplot-chart';
import { usePanelData } from './use-panel-data';

type TimeseriesPanelDef = Extract<Panel, { kind: 'timeseries' }>;
export type LegendSeries = Series & { legend: string };

/** Lines over time, one per series of every query, with a live legend in the panel's unit. */
export function TimeseriesPanel({ panel }: { panel: TimeseriesPanelDef }) {
  const { labId, vars, rangeSeconds, refreshMs, syncKey } = useDashboard();
  const load = useCallback(async (): Promise<LegendSeries[]> => {
    const results = await Promise.all(panel.queries.map((q) => queryRange(labId, q.expr, vars, rangeSeconds)));
    return results.flatMap((r, qi) => r.series.map((s) => ({ ...s, legend: legendFor(s.labels, panel.queries[qi].legend) })));
  }, [labId, vars, rangeSeconds, panel.queries]);
  const key = JSON.stringify([labId, panel.queries, vars, rangeSeconds]);
  const { data, error, updatedAt } = usePanelData(load, key, refreshMs);

  const aligned = useMemo(() => alignSeries(data ?? []), [data]);
  const legendKey = data?.map((s) => s.legend).join('\u0000') ?? '';
  const labels = useMemo(() => (legendKey ? legendKey.split('\u0000') : []), [legendKey]);
  const points = countPoints(aligned);
  const events = useLabEvents(labId);
  const annotations = useMemo(() => toAnnotations(events), [events]);

  return (
    <PanelFrame
      title={panel.title}
      description={panel.description}
      kind="timeseries"
      width={panel.width}
      error={error}
      loading={updatedAt === null && !error}
      points={updatedAt === null ? undefined : points}
    >
      <UPlotChart data={aligned} labels={labels} unit={panel.unit} stacked={panel.stacked} syncKey={syncKey} annotations={annotations} />
      {updatedAt !== null && points === 0 ? <p className="muted dash-empty">No data in this range.</p> : null}
    </PanelFrame>
  );
}
