import type { PodSummary } from '../../../main/api/schemas/clusters';
import { podPill } from './pod-rows';

/** A cluster lab's pods, as `kubectl get pods -A` shows them; per row Open shell and Logs, like the services table. */
export function PodsTable({ pods, onShell, onLogs }: { pods: PodSummary[]; onShell?: (p: PodSummary) => void; onLogs?: (p: PodSummary) => void }) {
  const actions = !!(onShell || onLogs);
  return (
    <table className="services" aria-label="Pods">
      <thead>
        <tr>
          <th>Namespace</th>
          <th>Pod</th>
          <th>Ready</th>
          <th>Status</th>
          <th>Restarts</th>
          <th>Node</th>
          {actions ? <th>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {pods.map((p) => (
          <tr key={`${p.namespace}/${p.name}`}>
            <td>{p.namespace}</td>
            <td title={p.containers.join(', ')}>{p.name}</td>
            <td>
              {p.ready}/{p.containers.length}
            </td>
            <td>
              <span className={`pill ${podPill(p)}`}>{p.status}</span>
            </td>
            <td>{p.restarts}</td>
            <td>{p.node ?? ''}</td>
            {actions ? (
              <td className="row-actions">
                {onShell ? (
                  <button type="button" aria-label={`Open shell in ${p.namespace}/${p.name}`} disabled={p.status !== 'Running'} onClick={() => onShell(p)}>
                    Open shell
                  </button>
                ) : null}
                {onLogs ? (
                  <button type="button" aria-label={`Logs of ${p.namespace}/${p.name}`} onClick={() => onLogs(p)}>
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
