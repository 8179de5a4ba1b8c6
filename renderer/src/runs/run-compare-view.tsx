import type { RunSummary } from '../../../main/api/schemas/runs';
import { cannotCompare, compareRuns } from './run-compare';

/** Two runs of one scenario side by side: result, score, time to detect and to recover, duration. */
export function RunCompareView({ a, b }: { a: RunSummary; b: RunSummary }) {
  const why = cannotCompare([a, b]);
  return (
    <section aria-label="Comparison">
      <h2>
        {a.title ?? a.scenario}: two runs
      </h2>
      {why ? <p className="error-text">{why}</p> : null}
      <table className="services compare" aria-label="Compare runs">
        <thead>
          <tr>
            <th />
            <th>
              <a href={`#/history/${encodeURIComponent(a.id)}`}>{a.id}</a>
            </th>
            <th>
              <a href={`#/history/${encodeURIComponent(b.id)}`}>{b.id}</a>
            </th>
          </tr>
        </thead>
        <tbody>
          {compareRuns(a, b).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td className={row.better === 'a' ? 'better' : undefined}>
                {row.a}
                {row.better === 'a' ? <span className="sr-better"> (better)</span> : null}
              </td>
              <td className={row.better === 'b' ? 'better' : undefined}>
                {row.b}
                {row.better === 'b' ? <span className="sr-better"> (better)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
