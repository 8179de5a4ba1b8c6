import { useEffect, useState } from 'react';
import type { LabSummary } from '../../../main/api/schemas/labs';
import { EmptyState } from '../components/empty-state';
import { ErrorPanel } from '../components/error-panel';
import { labOfTemplate } from '../runs/lab-match';
import { formatDate, isFinalState, stateWords } from '../runs/run-format';
import { RunRoom } from '../runs/run-room';
import { useRunsListStore } from '../runs/runs-list-store';
import { ScenarioCard, type StartMode } from '../runs/scenario-card';
import { ScenarioSearch } from '../runs/scenario-search';
import { filterScenarios } from '../runs/scenario-filter';
import { api } from '../state/client';
import { useRouteStore } from '../state/route-store';
import { useSettingsStore } from '../state/settings-store';

const SPEEDS = [1, 2, 5, 10, 20];

/** Game days: the scenarios to start (training or facilitated), runs in progress; #/game-days/<run> is the run room. */
export function GameDaysPage() {
  const param = useRouteStore((s) => s.param);
  return param ? <RunRoom key={param} runId={param} /> : <ScenarioPicker />;
}

function ScenarioPicker() {
  const go = useRouteStore((s) => s.go);
  const { scenarios, runs, error, loadScenarios, loadRuns, start } = useRunsListStore();
  const readOnly = useSettingsStore((s) => s.app?.observer === true);
  const [speed, setSpeed] = useState(1);
  const [starting, setStarting] = useState<string | null>(null);
  const [labs, setLabs] = useState<LabSummary[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    void loadScenarios();
    void loadRuns();
    api()
      .api['labs.list']()
      .then(setLabs, () => setLabs([]));
  }, [loadScenarios, loadRuns]);
  const labsFor = (template?: string): string[] => labs.filter((l) => labOfTemplate(l.template, template) && (l.state === 'healthy' || l.state === 'degraded')).map((l) => l.labId);
  const inProgress = (runs ?? []).filter((r) => !isFinalState(r.state));
  const begin = async (scenario: string, mode: StartMode, labId?: string): Promise<void> => {
    setStarting(scenario);
    const run = await start(scenario, mode, speed, labId);
    setStarting(null);
    if (run) go('game-days', run.id);
  };
  return (
    <>
      <h1>Game days</h1>
      {error ? <ErrorPanel error={error} onDismiss={() => useRunsListStore.setState({ error: null })} /> : null}
      {inProgress.length ? (
        <section aria-label="Runs in progress" className="job-panel">
          <h2>In progress</h2>
          <ul className="lab-list">
            {inProgress.map((r) => (
              <li key={r.id}>
                <a href={`#/game-days/${encodeURIComponent(r.id)}`}>{r.title ?? r.scenario}</a> <span className="pill">{stateWords(r.state)}</span>{' '}
                <span className="muted">
                  {r.mode} on {r.labId}, started {formatDate(r.startedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {readOnly ? <p className="notice">This is a read-only observer link: open a run in progress to watch it; starting runs needs the full link.</p> : null}
      <div className="row">
        <label className="dash-control">
          <span>Speed</span>
          <select aria-label="Speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s === 1 ? 'real time' : `×${s}`}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">A scenario&apos;s lab is picked here, or started when the run begins.</span>
        <button type="button" className="secondary" onClick={() => go('labs')}>
          Go to Labs
        </button>
      </div>
      {scenarios === null ? <p className="muted">Loading scenarios…</p> : null}
      {scenarios && scenarios.length === 0 ? (
        <EmptyState title="No scenarios">
          <p>Scenarios are YAML files: the built-in ones, and yours in the data folder&apos;s scenarios folder.</p>
        </EmptyState>
      ) : null}
      {scenarios && scenarios.length > 0 ? <ScenarioSearch query={query} onQuery={setQuery} shown={filterScenarios(scenarios, query).length} total={scenarios.length} /> : null}
      <div className="cards" role="group" aria-label="Scenarios">
        {filterScenarios(scenarios ?? [], query).map((s) => (
          <ScenarioCard key={s.name} s={s} labs={labsFor(s.lab)} busy={starting !== null || readOnly} onStart={(mode, labId) => void begin(s.name, mode, labId)} />
        ))}
      </div>
    </>
  );
}
