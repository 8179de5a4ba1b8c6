import { useEffect, useState } from 'react';
import { annotationColor } from '../dashboards/annotations';
import { useLabEvents, useLabEventsStore } from '../state/lab-events-store';

/** The lab's timeline, newest first: alerts Alertmanager sent, service actions, and notes anyone can add. */
export function LabTimeline({ labId }: { labId: string }) {
  const events = useLabEvents(labId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    useLabEventsStore.getState().load(labId).catch((e: unknown) => setError(String(e)));
  }, [labId]);

  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await useLabEventsStore.getState().addNote(labId, text);
      setText('');
      setError(null);
    } catch (err) {
      setError(String(err));
    }
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <h2>Timeline</h2>
      <form onSubmit={(e) => void add(e)}>
        <input aria-label="Note" placeholder="Add a note (what you saw, what you did)" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!text.trim()}>
          Add note
        </button>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {events.length === 0 ? <p className="muted">Nothing yet: alerts from the lab&apos;s Alertmanager, services you stop or start, and notes appear here.</p> : null}
      <ol>
        {[...events].reverse().map((e) => (
          <li key={e.seq} data-kind={e.kind}>
            <span className="kind" style={{ background: annotationColor(e.kind) }} aria-hidden />
            <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time>
            <span>{e.title}</span>
            <span className="muted">{e.source === 'alertmanager' ? 'Alertmanager' : e.source === 'user' ? 'you' : e.source === 'run' ? `game day ${String(e.data.runId ?? '')}` : 'Labdeck'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
