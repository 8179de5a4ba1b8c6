import type { ClassBoard } from '../../../main/api/schemas/classes';

const WORDS = { 'not-started': 'not started', 'in-progress': 'in progress', passed: 'passed', failed: 'failed' } as const;
const seconds = (ms?: number): string => (ms === undefined ? '' : `${Math.round(ms / 1000)} s`);

export interface SeatActions {
  message(seat: string): void;
  reset(seat: string): void;
  revoke(seat: string): void;
  watch(seat: string): void;
}

/** Seats × course steps: each cell says its state in words, tasks, hints used and time. */
export function BoardGrid({ board, actions }: { board: ClassBoard; actions: SeatActions }) {
  return (
    <table aria-label="Class board" className="board">
      <thead>
        <tr>
          <th scope="col">Seat</th>
          {board.class.course.map((s, i) => (
            <th scope="col" key={i}>
              {i + 1}. {s.name}
            </th>
          ))}
          <th scope="col">Lab</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {board.rows.map((r) => (
          <tr key={r.seat} aria-label={`Seat ${r.seat}`}>
            <th scope="row">
              {r.seat}
              {r.state === 'revoked' ? ' (revoked)' : ''}
              {r.watched ? ' · trainer watching' : ''}
              {r.spoke ? ` · spoke${r.spoke.connected ? '' : ' (not connected)'}` : ''}
            </th>
            {r.cells.map((c) => (
              <td key={c.step} data-status={c.status} aria-label={`${r.seat} step ${c.step + 1}: ${WORDS[c.status]}`}>
                <strong>{WORDS[c.status]}</strong>
                {c.tasksTotal ? ` · tasks ${c.tasksPassed}/${c.tasksTotal}` : ''}
                {c.hintsUsed ? ` · hints ${c.hintsUsed}` : ''}
                {c.failedChecks ? ` · failed checks ${c.failedChecks}` : ''}
                {c.elapsedMs !== undefined ? ` · ${seconds(c.elapsedMs)}` : ''}
              </td>
            ))}
            <td>{r.lab ? `${r.lab.labId}: ${r.lab.state} (${r.lab.running}/${r.lab.containers})` : r.spoke ? "on the trainee's machine" : 'no lab'}</td>
            <td>
              <button type="button" onClick={() => actions.message(r.seat)}>
                Message
              </button>{' '}
              <button type="button" onClick={() => actions.watch(r.seat)} disabled={!r.lab}>
                Watch terminal
              </button>{' '}
              <button type="button" onClick={() => actions.reset(r.seat)} disabled={!r.lab}>
                Reset lab
              </button>{' '}
              <button type="button" onClick={() => actions.revoke(r.seat)} disabled={r.state === 'revoked'}>
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
