import { useState } from 'react';
import type { RunSummary } from '../../../main/api/schemas/runs';
import { useRouteStore } from '../state/route-store';
import { cannotCompare, compareParam } from './run-compare';
import { RunRow } from './run-row';

/** Every run: scenario, lab, date, result, score, duration; pick two of one scenario to compare. */
export function RunsTable({ runs }: { runs: RunSummary[] }) {
  const go = useRouteStore((s) => s.go);
  const [picked, setPicked] = useState<string[]>([]);
  const chosen = picked.map((id) => runs.find((r) => r.id === id)).filter((r) => r !== undefined);
  const why = cannotCompare(chosen);
  const toggle = (id: string): void => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <section aria-label="Runs">
      <div className="row">
        <button type="button" disabled={!!why} onClick={() => go('history', compareParam(chosen[0].id, chosen[1].id))}>
          Compare
        </button>
        <span className="muted">{picked.length ? why ?? 'Two runs of the same scenario.' : 'Tick two runs of one scenario to compare them.'}</span>
      </div>
      <table className="services" aria-label="Runs table">
        <thead>
          <tr>
            <th />
            <th>Scenario</th>
            <th>Lab</th>
            <th>Date</th>
            <th>Mode</th>
            <th>Result</th>
            <th>Score</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <RunRow key={r.id} r={r} picked={picked.includes(r.id)} onPick={() => toggle(r.id)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
