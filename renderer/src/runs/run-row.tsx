import type { RunSummary } from '../../../main/api/schemas/runs';
import { formatDate, formatDuration, formatScore, stateWords } from './run-format';

/** One run in History's table: picked to compare, its scenario (the link), lab, date, mode, result, score, duration. */
export function RunRow({ r, picked, onPick }: { r: RunSummary; picked: boolean; onPick: () => void }) {
  return (
    <tr>
      <td>
        <input type="checkbox" aria-label={`Pick ${r.id} to compare`} checked={picked} onChange={onPick} />
      </td>
      <td>
        {/* the link is named by the scenario's title, as shown; the run id describes it */}
        <a href={`#/history/${encodeURIComponent(r.id)}`} aria-describedby={`run-id-${r.id}`}>
          {r.title ?? r.scenario}
        </a>
        <div className="muted mono" id={`run-id-${r.id}`}>
          {r.id}
        </div>
      </td>
      <td>{r.labId}</td>
      <td>{formatDate(r.startedAt)}</td>
      <td>{r.mode}</td>
      <td>
        <span className={`pill run-state ${r.state}`}>{stateWords(r.state)}</span>
      </td>
      <td>{formatScore(r.score)}</td>
      <td>{formatDuration(r.durationMs)}</td>
    </tr>
  );
}
