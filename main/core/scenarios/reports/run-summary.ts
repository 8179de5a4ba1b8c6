import type { RunEvent, RunRecord } from '../run-journal';

export interface TimelineRow {
  elapsed: string;
  at: string;
  what: string;
  detail: string;
  ok?: boolean;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One line per journal event, in words, for the Markdown and HTML reports. */
export function timelineRows(events: RunEvent[]): TimelineRow[] {
  return events.map((e) => {
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
