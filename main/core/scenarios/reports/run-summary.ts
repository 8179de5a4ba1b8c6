import type { RunEvent, RunRecord } from '../run-journal';

export interface TimelineRow {
  elapsed: string;
  at: string;
  what: string;
  detail: string;
  ok?: boolean;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Journal events that are data for the report's other sections, not moments of the timeline. */
const NOT_ON_TIMELINE = new Set(['scenario', 'series', 'fault.reverting', 'faults.reverting', 'probe.started', 'probe.attempt']);

/** One line per journal event, in words, for the Markdown and HTML reports. */
export function timelineRows(events: RunEvent[]): TimelineRow[] {
  return events.filter((e) => !NOT_ON_TIMELINE.has(e.type)).map((e) => {
    const d = e.data;
    const row = (what: string, detail: string, ok?: boolean): TimelineRow => ({ elapsed: secs(d.elapsedMs), at: e.at, what, detail, ok });
    switch (e.type) {
      case 'run.created':
        return row('run created', `${String(d.scenario)} on ${String(d.labId)} (${String(d.mode)})`);
      case 'run.state':
        return row(`state: ${String(d.state)}`, d.reason ? String(d.reason) : '', d.state === 'passed' ? true : d.state === 'failed' || d.state === 'aborted' ? false : undefined);
      case 'probe':
        return row(`${String(d.phase)}: ${String(d.name)}`, `${String(d.message)} (${String(d.attempts)} attempts, ${secs(Number(d.ms))})`, d.ok === true);
      case 'fault.applied':
        return row(`fault ${String(d.fault)} applied`, `${String(d.kind)} on ${JSON.stringify(d.target)}${d.description ? `: ${String(d.description)}` : ''}`);
      case 'fault.skipped':
        return row(`fault ${String(d.fault)} skipped`, String(d.reason));
      case 'solve.step':
        return row(`solve step ${String(d.step)}`, JSON.stringify(Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'step' && k !== 'elapsedMs'))));
      case 'solve.exec':
        return row(`solve step ${String(d.step)}: exec`, `${(d.argv as string[]).join(' ')} → exit ${String(d.exitCode)}`, d.exitCode === 0);
      case 'task.passed':
      case 'task.failed':
        return row(`task ${String(d.task)} ${e.type === 'task.passed' ? 'done' : 'not done'}`, String(d.message), e.type === 'task.passed');
      case 'score':
        return row(`score ${String(d.total)}`, (d.explanation as string[]).join('; '));
      case 'run.progress':
        return row('preparing', String(d.line));
      case 'fault.failed':
        return row(`fault ${String(d.fault)} failed`, String(d.message), false);
      case 'fault.reverted':
        return row(`fault ${String(d.fault)} reverted`, '');
      case 'hint.revealed':
        return row(`hint ${Number(d.index) + 1} for ${String(d.task)} (cost ${String(d.cost)})`, String(d.text));
      case 'solution.revealed':
        return row(`solution of ${String(d.task)} revealed`, '');
      case 'detected':
        return row('detected', d.by === 'task' ? `task ${String(d.task)} passed` : 'marked by a person', true);
      case 'note':
        return row(d.role ? `note (${String(d.role)})` : 'note', String(d.text));
      case 'alert':
        return row(`alert ${String(d.status)}`, String(d.title));
      case 'steady.broken':
        return row('steady state broken', (d.failing as { name: string; message: string }[]).map((f) => `${f.name}: ${f.message}`).join('; '), false);
      case 'steady.restored':
        return row('steady state back', '', true);
      case 'timer.extended':
        return row(`time extended by ${String(d.minutes)} min`, '');
      case 'timer.expired':
        return row('time is up', 'verifying what was done');
      case 'action.items':
        return row('action items', (d.items as string[]).join('; '));
      case 'faults.reverted':
        return row('faults reverted', `${String(d.count)} still applied at the end were reverted`);
      default:
        return row(e.type, JSON.stringify(d));
    }
  });
}

export function durationOf(run: RunRecord): string {
  return run.finishedAt ? secs(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : 'still running';
}

/** The notes, the action items (last saved), the key series and the run's marks, for the reports. */
export function reportExtras(events: RunEvent[]) {
  const notes = events.filter((e) => e.type === 'note').map((e) => ({ at: e.at, role: e.data.role as string | undefined, text: String(e.data.text) }));
  const items = [...events].reverse().find((e) => e.type === 'action.items')?.data.items as string[] | undefined;
  const series = (events.find((e) => e.type === 'series')?.data.series ?? []) as import('../live/run-series').KeySeries[];
  const wall = (e: RunEvent): number => Date.parse(e.at) / 1000;
  const marks = [
    ...events.filter((e) => e.type === 'fault.applied').map((e) => ({ t: wall(e), label: `fault ${String(e.data.fault)}`, color: '#9c36b5' })),
    ...events.filter((e) => e.type === 'detected').map((e) => ({ t: wall(e), label: 'detected', color: '#e8590c' })),
    ...events.filter((e) => e.type === 'steady.restored').map((e) => ({ t: wall(e), label: 'steady state back', color: '#2f9e44' })),
  ];
  return { notes, actionItems: items ?? [], series, marks };
}
