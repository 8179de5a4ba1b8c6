import { useMemo, useState } from 'react';
import type { RunEventView, RunRole } from '../../../main/api/schemas/runs';
import { formatClock } from './run-format';
import { useRunRoomStore } from './run-room-store';
import { timelineItems } from './run-timeline-items';

export const ROLES: RunRole[] = ['facilitator', 'responder', 'observer', 'scribe'];

/**
 * Everything that happened in the run, newest first; anyone in the room adds a note with their role.
 * `neutralFaults`: a training run not over yet tells that a fault was injected, not which.
 */
export function RunTimeline({ events, withholdFaults, neutralFaults = false, defaultRole, canNote }: { events: RunEventView[]; withholdFaults: boolean; neutralFaults?: boolean; defaultRole?: RunRole; canNote: boolean }) {
  const items = useMemo(() => timelineItems(events, { withholdFaults, neutralFaults }).filter((i) => i.type !== 'run.progress'), [events, withholdFaults, neutralFaults]);
  const [text, setText] = useState('');
  const [role, setRole] = useState<RunRole>(defaultRole ?? 'responder');
  const [error, setError] = useState<string | null>(null);
  const act = useRunRoomStore((s) => s.act);
  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return;
    const r = await act({ type: 'note', text: text.trim(), role });
    if (r?.ok) {
      setText('');
      setError(null);
    } else setError(r?.message ?? 'the note was not added');
  };
  return (
    <section className="timeline run-timeline" aria-label="Run timeline">
      <h2>Timeline</h2>
      {canNote ? (
        <form onSubmit={(e) => void add(e)} aria-label="Add a note">
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as RunRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <input type="text" aria-label="Note" placeholder="What you saw, what you did" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
          <button type="submit" disabled={!text.trim()}>
            Add note
          </button>
        </form>
      ) : null}
      {error ? <p className="error-text">{error}</p> : null}
      {items.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <ol aria-label="Run events">
        {[...items].reverse().map((i) => (
          <li key={i.seq} data-type={i.type} className={`tone-${i.tone}`}>
            <span className={`kind tone-${i.tone}`} aria-hidden />
            <time dateTime={i.at} title={new Date(i.at).toLocaleString()}>
              {i.elapsedMs !== undefined ? `+${formatClock(i.elapsedMs)}` : new Date(i.at).toLocaleTimeString()}
            </time>
            {i.role ? <span className="pill">{i.role}</span> : null}
            <span>{i.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
