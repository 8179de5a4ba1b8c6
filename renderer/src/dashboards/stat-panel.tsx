import { useCallback } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { useDashboard } from './dashboard-context';
import { formatUnit } from './format-units';
import { PanelFrame } from './panel-frame';
import { queryRange } from './range-query';
import { legendFor } from './series-to-uplot';
import { Sparkline } from './sparkline';
import { thresholdColor } from './thresholds';
import { usePanelData } from './use-panel-data';

type StatPanelDef = Extract<Panel, { kind: 'stat' }>;

/** One number, big: the last value of the query's first series, coloured by thresholds, with a sparkline. */
export function StatPanel({ panel }: { panel: StatPanelDef }) {
  const { labId, vars, rangeSeconds, refreshMs } = useDashboard();
  const load = useCallback(() => queryRange(labId, panel.query.expr, vars, rangeSeconds), [labId, vars, rangeSeconds, panel.query.expr]);
  const key = JSON.stringify([labId, panel.query.expr, vars, rangeSeconds]);
  const { data, error, updatedAt } = usePanelData(load, key, refreshMs);

  const first = data?.series[0];
  const last = first?.points.at(-1)?.[1] ?? null;
  const color = thresholdColor(panel.thresholds, last);
  const others = (data?.series.length ?? 0) - 1;

  return (
    <PanelFrame
      title={panel.title}
      description={panel.description}
      kind="stat"
      width={panel.width}
      error={error}
      loading={updatedAt === null && !error}
      points={first?.points.length}
    >
      <div className="stat-value" style={{ color }} data-testid="stat-value">
        {updatedAt === null ? '…' : formatUnit(panel.unit, last)}
      </div>
      {first && others > 0 ? (
        <div className="muted stat-legend">
          {legendFor(first.labels, panel.query.legend)} (and {others} more)
        </div>
      ) : null}
      {panel.sparkline && first ? <Sparkline points={first.points} color={color.startsWith('var(--text') ? 'var(--accent)' : color} /> : null}
    </PanelFrame>
  );
}
