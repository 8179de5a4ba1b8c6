import type { RunRole } from '../../../main/api/schemas/runs';
import { ErrorPanel } from '../components/error-panel';
import { useSettingsStore } from '../state/settings-store';
import { FacilitatorPanel } from './facilitator-panel';
import { RunBriefing, RunProgress } from './run-briefing';
import { RunDashboard } from './run-dashboard';
import { RunEnd } from './run-end';
import { formatClock, isFinalState, stateWords } from './run-format';
import { permissions } from './run-permissions';
import { useRunRoomStore } from './run-room-store';
import { RunTimeline, ROLES } from './run-timeline';
import { RunTimer } from './run-timer';
import { TaskList } from './task-card';
import { LabServicesPanel } from './lab-services-panel';
import { TerminalDock } from './terminal-dock';
import { useBriefedTerminal } from './use-briefed-terminal';
import { useRunEvents } from './use-run-events';
import { RunWorkspace } from './run-workspace';
import { VerifyProgress } from './verify-progress';

/**
 * The run room: while the run is played, a workspace (briefing and tasks beside the shell the briefing
 * promises and the lab's services), the dashboard and the timeline below; the result at the end.
 */
export function RunRoom({ runId }: { runId: string }) {
  useRunEvents(runId);
  const view = useRunRoomStore((s) => (s.runId === runId ? s.view : null));
  const events = useRunRoomStore((s) => s.events);
  const readAt = useRunRoomStore((s) => s.readAt);
  const role = useRunRoomStore((s) => s.role);
  const error = useRunRoomStore((s) => s.error);
  const busy = useRunRoomStore((s) => s.busy);
  const readOnly = useSettingsStore((s) => s.app?.observer === true);
  const { act, setRole } = useRunRoomStore.getState();
  useBriefedTerminal(view, readOnly);
  if (!view) {
    return (
      <>
        <p>
          <a href="#/game-days">← Game days</a>
        </p>
        {error ? <ErrorPanel error={error} /> : <p className="muted">Opening run {runId}…</p>}
      </>
    );
  }
  const state = view.run.state;
  const final = isFinalState(state);
  const can = permissions(view, role, readOnly);
  const starting = state === 'created' || state === 'baseline';
  // a training learner is meant to find the fault: until the end the timeline says one was injected, not which
  const neutralFaults = view.run.mode === 'training' && !final;
  // a live run someone plays here: the instructions beside the shell (a finished or watched run reads top to bottom)
  const workspace = !final && !readOnly;
  const instructions = (
    <>
      {can.facilitate ? <FacilitatorPanel view={view} /> : null}
      {view.faultsWithheld ? <p className="muted">The faults are withheld from the {can.as}: find out what is wrong.</p> : null}
      <TaskList view={view} canAct={can.respond} canRevealSolution={can.revealSolution && view.live && !final} />
    </>
  );
  const services = <LabServicesPanel runId={view.run.id} labId={view.run.labId} enabled={!final && !readOnly} />;
  return (
    <div className="run-room">
      <p>
        <a href="#/game-days">← Game days</a>
      </p>
      <div className="row run-head">
        <h1>{view.title}</h1>
        <span className={`pill run-state ${state}`} aria-label="Run state">
          {stateWords(state)}
        </span>
        <span className="muted">{view.run.mode === 'facilitated' ? 'facilitated' : 'training'}</span>
        <span className="grow" />
        <RunTimer view={view} readAt={readAt} />
        {can.as && !readOnly ? (
          <label className="dash-control">
            <span>Role</span>
            <select aria-label="Role in the room" value={can.as} onChange={(e) => void setRole(e.target.value as RunRole)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {readOnly ? <span className="pill">watching (read-only link)</span> : null}
        {!final && !readOnly ? (
          <>
            <button type="button" onClick={() => void act({ type: 'detected' })} disabled={!can.respond || view.detectedMs !== undefined || !!busy}>
              {view.detectedMs !== undefined ? `Detected at +${formatClock(view.detectedMs)}` : 'Detected'}
            </button>
            <button type="button" onClick={() => void act({ type: 'finish' })} disabled={!can.respond || !!busy}>
              {busy === 'finish' || state === 'verifying' ? 'Verifying…' : 'Finish'}
            </button>
          </>
        ) : null}
      </div>
      {!view.live && !final ? <p className="notice">This run is driven by another process (the command line, or another Labdeck): it is shown here read-only.</p> : null}
      {error ? <ErrorPanel error={error} /> : null}
      {starting ? <RunProgress events={events} /> : null}
      {final ? <RunEnd view={view} /> : null}
      {state === 'verifying' ? <VerifyProgress /> : null}
      {workspace ? (
        <RunWorkspace
          instructions={
            <>
              <RunBriefing view={view} open />
              {instructions}
            </>
          }
          terminal={<TerminalDock runId={view.run.id} />}
          services={services}
        />
      ) : (
        <>
          <RunBriefing view={view} open={!final} />
          <div className="run-columns">
            <div>{instructions}</div>
            <RunTimeline events={events} withholdFaults={view.faultsWithheld} neutralFaults={neutralFaults} defaultRole={can.as ?? 'responder'} canNote={can.note} />
          </div>
        </>
      )}
      {workspace ? (
        <div className="run-below">
          {!starting ? <RunDashboard labId={view.run.labId} preferred={view.lab} /> : null}
          <RunTimeline events={events} withholdFaults={view.faultsWithheld} neutralFaults={neutralFaults} defaultRole={can.as ?? 'responder'} canNote={can.note} />
        </div>
      ) : (
        <>
          {!starting ? <RunDashboard labId={view.run.labId} preferred={view.lab} /> : null}
          {services}
          {readOnly ? null : <TerminalDock runId={view.run.id} />}
        </>
      )}
    </div>
  );
}
