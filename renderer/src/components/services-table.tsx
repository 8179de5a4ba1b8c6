import type { ServiceStatus } from '../../../main/api/schemas/labs';

export type ServiceAction = 'stop' | 'start' | 'restart';

/** Every container of a lab: state and health, ports as links, restarts (CPU and memory: the dashboard's containers panel); per row Stop / Start / Restart, Open shell and Logs. */
export function ServicesTable({
  services,
  onAction,
  busy,
  onShell,
  onLogs,
}: {
  services: ServiceStatus[];
  onAction?: (container: string, action: ServiceAction) => void;
  /** The container an action is under way on. */
  busy?: string | null;
  /** "Open shell" in a row's container; the row's actions show only when given. */
  onShell?: (s: ServiceStatus) => void;
  onLogs?: (s: ServiceStatus) => void;
}) {
  const actions = !!(onAction || onShell || onLogs);
  return (
    <table className="services" aria-label="Services">
      <thead>
        <tr>
          <th>Service</th>
          <th>State</th>
          <th>Ports</th>
          <th>Restarts</th>
          {actions ? <th>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.container}>
            <td title={s.container}>
              {s.service}
              {s.index > 1 || services.filter((o) => o.service === s.service).length > 1 ? ` #${s.index}` : ''}
            </td>
            <td>
              <span className={`pill ${s.health ?? s.state}`}>{s.health ?? s.state}</span>
              {s.oomKilled ? <span className="pill unhealthy">OOM-killed</span> : null}
            </td>
            <td>
              {s.ports.map((p) =>
                p.url ? (
                  <a key={p.host} href={p.url} target="_blank" rel="noreferrer">
                    {p.host}→{p.container}
                  </a>
                ) : (
                  <span key={p.host}>{p.host}→{p.container}/{p.protocol}</span>
                ),
              )}
            </td>
            <td>{s.restarts}</td>
            {actions ? (
              <td className="row-actions">
                {onAction ? (
                  <>
                    {s.state === 'running' ? (
                      <>
                        <button type="button" aria-label={`Stop ${s.container}`} disabled={busy === s.container} onClick={() => onAction(s.container, 'stop')}>
                          Stop
                        </button>
                        <button type="button" aria-label={`Restart ${s.container}`} disabled={busy === s.container} onClick={() => onAction(s.container, 'restart')}>
                          Restart
                        </button>
                      </>
                    ) : (
                      <button type="button" aria-label={`Start ${s.container}`} disabled={busy === s.container} onClick={() => onAction(s.container, 'start')}>
                        Start
                      </button>
                    )}
                  </>
                ) : null}
                {onShell ? (
                  <button type="button" aria-label={`Open shell in ${s.container}`} disabled={s.state !== 'running'} onClick={() => onShell(s)}>
                    Open shell
                  </button>
                ) : null}
                {onLogs ? (
                  <button type="button" aria-label={`Logs of ${s.container}`} onClick={() => onLogs(s)}>
                    Logs
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
