import { useCallback, useEffect, useState } from 'react';
import type { SeatView } from '../../../main/api/schemas/classes';
import { api } from '../state/client';

/** What a trainee sees of its class on every page: the class, the time left, the trainer's messages, and whether the trainer is watching. */
export function SeatBanner() {
  const [view, setView] = useState<SeatView | null>(null);
  const load = useCallback(() => void api().api['classes.mine']().then(setView, () => setView(null)), []);
  useEffect(() => {
    load();
    const offMessage = api().on('class.message', load);
    const offChanged = api().on('class.changed', load);
    return () => {
      offMessage();
      offChanged();
    };
  }, [load]);
  if (!view) return null;
  const ends = view.class.endsAt ? new Date(view.class.endsAt) : undefined;
  return (
    <aside className="seat-banner" aria-label="Your class">
      <p>
        Class <strong>{view.class.name}</strong>, seat <strong>{view.seat}</strong>: {view.class.course.map((s, i) => `${i + 1}. ${s.name}`).join(' → ')}
        {ends ? ` · ends at ${ends.toLocaleTimeString()}` : ''}
      </p>
      {view.watched ? (
        <p role="status" className="watching-mark">
          The trainer is watching your terminal
        </p>
      ) : null}
      {view.messages.length ? (
        <ul aria-label="Messages from the trainer">
          {[...view.messages].reverse().map((m) => (
            <li key={m.seq}>
              {m.kind === 'hint' ? 'Hint: ' : ''}
              {m.text}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
