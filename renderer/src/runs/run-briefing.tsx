import type { RunEventView, RunView } from '../../../main/api/schemas/runs';
import { Markdown } from './markdown';

/** The briefing, first thing in the room: the situation as on-call receives it, and what to learn. */
export function RunBriefing({ view, open }: { view: RunView; open: boolean }) {
  return (
    <details className="run-briefing" open={open}>
      <summary>
        <h2>Briefing</h2>
      </summary>
      {/* scrolls on its own in the workspace: focusable, so the keyboard can scroll it too */}
      <section aria-label="Briefing" tabIndex={0}>
        <p className="facts">
          <span>lab {view.lab}</span>
          {view.difficulty ? <span>{view.difficulty}</span> : null}
          <span>{view.run.mode}</span>
        </p>
        <Markdown text={view.briefing} />
        {view.objectives.length ? (
          <>
            <h3>Objectives</h3>
            <ul>
              {view.objectives.map((o, i) => (
                <li key={i}>{o}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </details>
  );
}

/** While the lab is found or started and the steady state is checked: what core is doing. */
export function RunProgress({ events }: { events: RunEventView[] }) {
  const lines = events.filter((e) => e.type === 'run.progress' || (e.type === 'probe' && e.data.phase === 'steady-state-before'));
  return (
    <section className="job-panel" aria-label="Run progress">
      <h2>Getting the lab ready</h2>
      <progress aria-label="Starting the run" />
      <ol className="job-steps">
        {lines.map((e) => (
          <li key={e.seq}>{e.type === 'probe' ? `steady state · ${String(e.data.name)}: ${e.data.ok ? 'ok' : `not yet (${String(e.data.message)})`}` : String(e.data.line ?? '')}</li>
        ))}
      </ol>
    </section>
  );
}
