import { useCallback, useMemo } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { api } from '../state/client';
import { useDashboard } from './dashboard-context';
import { PanelFrame } from './panel-frame';
import { usePanelData } from './use-panel-data';

type AlertsPanelDef = Extract<Panel, { kind: 'alerts' }>;

/** Alerts firing or pending now, as Prometheus' rule manager holds them (`/api/v1/alerts`), firing first. */
export function AlertsPanel({ panel }: { panel: AlertsPanelDef }) {
  const { labId, refreshMs } = useDashboard();
  const load = useCallback(() => api().api['labs.alerts']({ labId }), [labId]);
  const { data, error, updatedAt } = usePanelData(load, labId, refreshMs);
  const alerts = useMemo(() => [...(data ?? [])].sort((a, b) => (a.state === b.state ? 0 : a.state === 'firing' ? -1 : 1)), [data]);

  return (
    <PanelFrame title={panel.title} description={panel.description} kind="alerts" width={panel.width} error={error} loading={updatedAt === null && !error} points={alerts.length}>
      {updatedAt !== null && alerts.length === 0 ? <p className="dash-ok">No alerts firing or pending.</p> : null}
      <ul className="dash-alerts">
        {alerts.map((a, i) => (
          <li key={i}>
            <span className={`pill ${a.state === 'firing' ? 'unhealthy' : 'starting'}`}>{a.state}</span>
            <strong title={a.annotations.description}>{a.name}</strong>
            {a.labels.severity ? <span className="muted">{a.labels.severity}</span> : null}
            {a.labels.service ? <span className="muted">{a.labels.service}</span> : null}
            {a.labels.instance ? <span className="muted mono">{a.labels.instance}</span> : null}
            {a.annotations.summary ? <span>{a.annotations.summary}</span> : null}
          </li>
        ))}
      </ul>
    </PanelFrame>
  );
}
