import { useCallback, useMemo } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { useDashboard } from './dashboard-context';
import { formatUnit } from './format-units';
import { PanelFrame } from './panel-frame';
import { queryRange } from './range-query';
import { usePanelData } from './use-panel-data';

type TablePanelDef = Extract<Panel, { kind: 'table' }>;

/** One row per series: its labels (the panel's columns, or all of them) and its latest value. */
export function TablePanel({ panel }: { panel: TablePanelDef }) {
  const { labId, vars, rangeSeconds, refreshMs } = useDashboard();
  const load = useCallback(() => queryRange(labId, panel.query.expr, vars, rangeSeconds), [labId, vars, rangeSeconds, panel.query.expr]);
  const key = JSON.stringify([labId, panel.query.expr, vars, rangeSeconds]);
  const { data, error, updatedAt } = usePanelData(load, key, refreshMs);

  const series = useMemo(() => data?.series ?? [], [data]);
  const columns = useMemo(() => {
    if (panel.columns.length) return panel.columns;
    const all = new Set<string>();
    for (const s of series) for (const k of Object.keys(s.labels)) if (k !== '__name__') all.add(k);
    return [...all].sort();
  }, [panel.columns, series]);

  return (
    <PanelFrame title={panel.title} description={panel.description} kind="table" width={panel.width} error={error} loading={updatedAt === null && !error} points={series.length}>
      <div className="dash-table-wrap">
        <table className="dash-table" aria-label={panel.title}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th className="num">Value</th>
            </tr>
          </thead>
          <tbody>
            {series.map((s, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{s.labels[c] ?? ''}</td>
                ))}
                <td className="num">{formatUnit(panel.unit, s.points.at(-1)?.[1])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {updatedAt !== null && series.length === 0 ? <p className="muted dash-empty">No series.</p> : null}
      </div>
    </PanelFrame>
  );
}
