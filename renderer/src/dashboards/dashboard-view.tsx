import { useCallback, useMemo, useState } from 'react';
import type { Dashboard, Panel } from '../../../main/api/schemas/dashboards';
import { AlertsPanel } from './alerts-panel';
import { ContainersPanel } from './containers-panel';
import { DashboardContext, type DashboardContextValue } from './dashboard-context';
import { RangePicker } from './range-picker';
import { StatPanel } from './stat-panel';
import { TablePanel } from './table-panel';
import { TimeseriesPanel } from './timeseries-panel';
import { VariablePicker } from './variable-picker';

const REFRESHES = [
  { label: '1s', ms: 1000 },
  { label: '2s', ms: 2000 },
  { label: '5s', ms: 5000 },
];

function PanelView({ panel }: { panel: Panel }) {
  switch (panel.kind) {
    case 'timeseries':
      return <TimeseriesPanel panel={panel} />;
    case 'stat':
      return <StatPanel panel={panel} />;
    case 'table':
      return <TablePanel panel={panel} />;
    case 'alerts':
      return <AlertsPanel panel={panel} />;
    case 'containers':
      return <ContainersPanel panel={panel} />;
  }
}

/** A dashboard of a lab: rows of panels in a 12-column grid, a time range, a refresh rate and variables. */
export function DashboardView({ labId, dashboard }: { labId: string; dashboard: Dashboard }) {
  const [rangeSeconds, setRange] = useState(900);
  const [refreshMs, setRefresh] = useState(2000);
  const [vars, setVars] = useState<Record<string, string>>({});
  const setVar = useCallback((name: string, value: string) => setVars((v) => ({ ...v, [name]: value })), []);
  const ctx = useMemo<DashboardContextValue>(
    () => ({ labId, rangeSeconds, refreshMs, vars, syncKey: `labdeck:${labId}:${dashboard.name}` }),
    [labId, rangeSeconds, refreshMs, vars, dashboard.name],
  );

  return (
    <DashboardContext.Provider value={ctx}>
      <section className="dashboard" aria-label={`Dashboard ${dashboard.title}`}>
        <div className="dash-toolbar">
          <h2>{dashboard.title}</h2>
          <span className="grow" />
          <VariablePicker labId={labId} variables={dashboard.variables} rangeSeconds={rangeSeconds} value={vars} onChange={setVar} />
          <RangePicker value={rangeSeconds} onChange={setRange} />
          <label className="dash-control">
            <span>Refresh</span>
            <select value={refreshMs} onChange={(e) => setRefresh(Number(e.target.value))}>
              {REFRESHES.map((r) => (
                <option key={r.ms} value={r.ms}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {dashboard.rows.map((row, i) => (
          <div key={i} className="dash-row-wrap">
            {row.title ? <h3 className="dash-row-title">{row.title}</h3> : null}
            <div className="dash-row">
              {row.panels.map((p) => (
                <PanelView key={p.id} panel={p} />
              ))}
            </div>
          </div>
        ))}
      </section>
    </DashboardContext.Provider>
  );
}
