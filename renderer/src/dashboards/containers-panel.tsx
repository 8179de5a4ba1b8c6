import { useCallback } from 'react';
import type { Panel } from '../../../main/api/schemas/dashboards';
import { api } from '../state/client';
import { useDashboard } from './dashboard-context';
import { formatUnit } from './format-units';
import { PanelFrame } from './panel-frame';
import { usePanelData } from './use-panel-data';

type ContainersPanelDef = Extract<Panel, { kind: 'containers' }>;

const bar = (fraction: number | undefined) =>
  fraction === undefined ? null : (
    <span className="meter" aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.max(0, fraction * 100)).toFixed(1)}%` }} />
    </span>
  );

/**
 * Every container of the lab from the engine: health and restarts (labs.status, at once), CPU,
 * memory and network (labs.stats, from the engine's stats streams: the first answer takes about a
 * second, and the columns fill in then), each refresh.
 */
export function ContainersPanel({ panel }: { panel: ContainersPanelDef }) {
  const { labId, refreshMs } = useDashboard();
  const load = useCallback(() => api().api['labs.status']({ labId }), [labId]);
  const loadStats = useCallback(() => api().api['labs.stats']({ labId }), [labId]);
  const { data, error, updatedAt } = usePanelData(load, labId, refreshMs);
  const stats = usePanelData(loadStats, labId, refreshMs);
  const usage = new Map(stats.data?.containers.map((u) => [u.container, u]));
  const services = (data?.services ?? []).map((s) => ({ ...s, ...usage.get(s.container) }));

  return (
    <PanelFrame title={panel.title} description={panel.description} kind="containers" width={panel.width} error={error} loading={updatedAt === null && !error} points={services.length}>
      <div className="dash-table-wrap">
        <table className="dash-table" aria-label="Containers">
          <thead>
            <tr>
              <th>Container</th>
              <th>Health</th>
              <th className="num">Restarts</th>
              <th className="num">CPU</th>
              <th className="num">Memory</th>
              <th className="num">Net rx / tx</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.container}>
                <td title={s.image}>
                  {s.service}
                  {services.filter((o) => o.service === s.service).length > 1 ? ` #${s.index}` : ''}
                </td>
                <td>
                  <span className={`pill ${s.health ?? s.state}`}>{s.health ?? s.state}</span>
                  {s.oomKilled ? <span className="pill unhealthy">OOM</span> : null}
                </td>
                <td className={`num ${s.restarts > 0 ? 'error-text' : ''}`}>{s.restarts}</td>
                <td className="num">
                  {s.cpuPercent === undefined ? '—' : formatUnit('percent', s.cpuPercent)}
                  {bar(s.cpuPercent === undefined ? undefined : s.cpuPercent / 100)}
                </td>
                <td className="num">
                  {s.memoryBytes === undefined ? '—' : formatUnit('bytes', s.memoryBytes)}
                  {s.memoryLimitBytes ? <span className="muted"> / {formatUnit('bytes', s.memoryLimitBytes)}</span> : null}
                  {bar(s.memoryBytes !== undefined && s.memoryLimitBytes ? s.memoryBytes / s.memoryLimitBytes : undefined)}
                </td>
                <td className="num" title="received / sent since the container started">
                  {s.netRxBytes === undefined ? '—' : `${formatUnit('bytes', s.netRxBytes)} / ${formatUnit('bytes', s.netTxBytes ?? 0)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PanelFrame>
  );
}
