import { useMemo } from 'react';
import type { RunView } from '../../../main/api/schemas/runs';
import { PassFailIcon } from '../components/pass-fail-icon';
import { Markdown } from './markdown';
import { attemptWords, checkProgress } from './probe-progress';
import { useRunRoomStore } from './run-room-store';

type Task = RunView['tasks'][number];

/**
 * One learner task: the prompt, a Check button whose result and message stay shown (a failed
 * check says why, as Instruqt does), hints revealed one at a time with their cost, and the
 * solution once revealed (by the learner in training, by the facilitator otherwise).
 */
export function TaskCard({ task, index, canAct, canRevealSolution }: { task: Task; index: number; canAct: boolean; canRevealSolution: boolean }) {
  const act = useRunRoomStore((s) => s.act);
  const busy = useRunRoomStore((s) => s.busy);
  const outcome = useRunRoomStore((s) => s.outcomes[`check:${task.id}`]);
  const hintOutcome = useRunRoomStore((s) => s.outcomes[`hint:${task.id}`]);
  const checking = busy === `check:${task.id}`;
  const events = useRunRoomStore((s) => s.events);
  const progress = useMemo(() => checkProgress(events, task.id), [events, task.id]);
  const passed = task.state === 'passed';
  const message = outcome?.message ?? task.lastMessage;
  const ok = outcome ? outcome.ok : passed;
  const nextHint = task.hintsTotal > task.hints.length;
  return (
    <article className={`task-card ${passed ? 'passed' : 'open'}`} aria-label={`Task ${index + 1}: ${task.id}`}>
      <header className="task-head">
        <h3>
          Task {index + 1} <span className="muted">{task.id}</span>
        </h3>
        <span className={`pill ${passed ? 'healthy' : ''}`} aria-label={`State of ${task.id}`}>
          {passed ? 'passed' : 'open'}
        </span>
      </header>
      <Markdown text={task.prompt} />
      <div className="row task-actions">
        <button type="button" onClick={() => void act({ type: 'check', task: task.id })} disabled={!canAct || checking} aria-label={`Check ${task.id}`}>
          {checking ? 'Checking…' : 'Check'}
        </button>
        {task.hintsTotal > 0 ? (
          <button type="button" className="secondary" onClick={() => void act({ type: 'hint', task: task.id })} disabled={!canAct || !nextHint || busy === `hint:${task.id}`}>
            {nextHint ? `Reveal hint ${task.hints.length + 1} of ${task.hintsTotal}` : 'No more hints'}
          </button>
        ) : null}
        {canRevealSolution && !task.solution ? (
          <button type="button" className="secondary" onClick={() => void act({ type: 'solution', task: task.id })} disabled={!canAct}>
            Reveal solution
          </button>
        ) : null}
        {task.failedAttempts ? <span className="muted">{task.failedAttempts} failed {task.failedAttempts === 1 ? 'check' : 'checks'}</span> : null}
      </div>
      {progress ? (
        <p className="check-progress" role="status" aria-label={`Check progress of ${task.id}`}>
          <strong>Checking · {attemptWords(progress)}</strong>
          {progress.message ? <span className="mono"> {progress.message}</span> : null}
        </p>
      ) : null}
      {message && !progress ? (
        <p className={`check-result ${ok ? 'ok' : 'bad'}`} role="status" aria-label={`Check result of ${task.id}`}>
          <strong>
            <PassFailIcon ok={ok} label="" /> {ok ? 'Passed' : 'Not yet'}
          </strong> {message}
        </p>
      ) : null}
      {hintOutcome && !hintOutcome.ok ? <p className="error-text">{hintOutcome.message}</p> : null}
      {task.hints.length ? (
        <ol className="hints" aria-label={`Hints for ${task.id}`}>
          {task.hints.map((h, i) => (
            <li key={i}>
              <Markdown text={h.text} /> <span className="muted">cost {h.cost}</span>
            </li>
          ))}
        </ol>
      ) : null}
      {task.solution ? (
        <section className="solution" aria-label={`Solution of ${task.id}`}>
          <h4>Solution</h4>
          <Markdown text={task.solution} />
        </section>
      ) : null}
    </article>
  );
}

export function TaskList({ view, canAct, canRevealSolution }: { view: RunView; canAct: boolean; canRevealSolution: boolean }) {
  return (
    <section className="run-tasks" aria-label="Tasks">
      <h2>Tasks</h2>
      {view.tasks.length === 0 ? <p className="muted">This scenario has no tasks: watch, note what you see, and mark when you detect the problem.</p> : null}
      {view.tasks.map((t, i) => (
        <TaskCard key={t.id} task={t} index={i} canAct={canAct} canRevealSolution={canRevealSolution} />
      ))}
    </section>
  );
}
