import { useEffect, useState } from 'react';
import type { RecordingSummary } from '../../../main/api/schemas/terminals';
import { api } from '../state/client';
import { RecordingPlayer } from './recording-player';

/** Terminals recorded during game-day runs (asciicast v2), newest first, each replayable here. */
export function RecordingsList({ runId }: { runId?: string }) {
  const [list, setList] = useState<RecordingSummary[]>([]);
  const [playing, setPlaying] = useState<RecordingSummary | null>(null);
  useEffect(() => {
    void api().api['terminals.recordings'](runId ? { runId } : {}).then(setList, () => setList([]));
  }, [runId]);
  if (list.length === 0) return null;
  return (
    <section aria-label="Recordings">
      <h2>Recordings</h2>
      <table className="services" aria-label="Recorded terminals">
        <thead>
          <tr>
            <th>Run</th>
            <th>Terminal</th>
            <th>Started</th>
            <th>Exit</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id}>
              <td>{r.runId}</td>
              <td>{r.title}</td>
              <td>{r.startedAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{r.exitCode ?? ''}</td>
              <td>
                <button type="button" aria-label={`Replay ${r.title} of ${r.runId}`} onClick={() => setPlaying(r)}>
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {playing ? <RecordingPlayer key={playing.id} id={playing.id} title={playing.title} /> : null}
    </section>
  );
}
