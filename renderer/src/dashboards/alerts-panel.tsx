import { useCallback, useMemo } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { useDashboard } from './dashboard-context';
import { PanelFrame } from './panel-frame';
import { queryRange, rangeWindow } from './range-query';
import { usePanelData } from './use-panel-data';

type AlertsPanelDef = Extract<Panel, { kind: 'alerts' }>;

/** Alerts firing or pending now: Prometheus' `ALERTS` series whose last point is at the end of the range. */
export function AlertsPanel({ panel }: { panel: AlertsPanelDef }) {
  const { labId, rangeSeconds, refreshMs } = useDashboard();
  const load = useCallback(async () => {
    const result = await queryRange(labId, 'ALERTS', {}, rangeSeconds);
    const { end, stepSeconds } = rangeWindow(rangeSeconds);
    // A resolved alert's series simply stops: keep those still present within two steps of now.
    return result.series.filter((s) => (s.points.at(-1)?.[0] ?? 0) >= end - Math.max(2 * stepSeconds, 30));
  }, [labId, rangeSeconds]);
  const { data, error, updatedAt } = usePanelData(load, `${labId}|${rangeSeconds}`, refreshMs);
  const alerts = useMemo(
    () => [...(data ?? [])].sort((a, b) => (a.labels.alertstate === b.labels.alertstate ? 0 : a.labels.alertstate === 'firing' ? -1 : 1)),
    [data],
  );

  return (
    <PanelFrame title={panel.title} description={panel.description} kind="alerts" width={panel.width} error={error} loading={updatedAt === null && !error} points={alerts.length}>
      {updatedAt !== null && alerts.length === 0 ? <p className="dash-ok">No alerts firing or pending.</p> : null}
      <ul className="dash-alerts">
        {alerts.map((a, i) => (
          <li key={i}>
            <span className={`pill ${a.labels.alertstate === 'firing' ? 'unhealthy' : 'starting'}`}>{a.labels.alertstate}</span>
            <strong>{a.labels.alertname}</strong>
            {a.labels.severity ? <span className="muted">{a.labels.severity}</span> : null}
            {a.labels.service ? <span className="muted">{a.labels.service}</span> : null}
            {a.labels.instance ? <span className="muted mono">{a.labels.instance}</span> : null}
          </li>
        ))}
      </ul>
    </PanelFrame>
  );
}
