import type { RunSummary } from '../../../main/api/schemas/runs';
import { formatDate, formatDuration, formatScore, stateWords } from './run-format';

export type Better = 'a' | 'b' | null;

export interface CompareRow {
  label: string;
  a: string;
  b: string;
  /** Which run did better on this row (null: equal, not comparable, or not a measure). */
  better: Better;
}

const pick = (a: number | undefined, b: number | undefined, higherIsBetter: boolean): Better => {
  if (a === undefined || b === undefined || a === b) return null;
  return (a > b) === higherIsBetter ? 'a' : 'b';
};

/** Two runs of one scenario side by side: score (higher is better), time to detect, to recover, duration (lower is better). */
export function compareRuns(a: RunSummary, b: RunSummary): CompareRow[] {
  return [
    { label: 'Started', a: formatDate(a.startedAt), b: formatDate(b.startedAt), better: null },
    { label: 'Mode', a: a.mode, b: b.mode, better: null },
    { label: 'Result', a: stateWords(a.state), b: stateWords(b.state), better: a.state === b.state ? null : a.state === 'passed' ? 'a' : b.state === 'passed' ? 'b' : null },
    { label: 'Score', a: formatScore(a.score), b: formatScore(b.score), better: pick(a.score, b.score, true) },
    { label: 'Time to detect', a: formatDuration(a.ttdMs), b: formatDuration(b.ttdMs), better: pick(a.ttdMs, b.ttdMs, false) },
    { label: 'Time to recover', a: formatDuration(a.ttrMs), b: formatDuration(b.ttrMs), better: pick(a.ttrMs, b.ttrMs, false) },
    { label: 'Duration', a: formatDuration(a.durationMs), b: formatDuration(b.durationMs), better: pick(a.durationMs, b.durationMs, false) },
  ];
}

/** Why two runs cannot be compared, or null when they can. */
export function cannotCompare(runs: RunSummary[]): string | null {
  if (runs.length !== 2) return 'Pick two runs.';
  if (runs[0].scenario !== runs[1].scenario) return `Runs of different scenarios (${runs[0].scenario}, ${runs[1].scenario}) are not compared.`;
  return null;
}

/** The route parameter of a comparison, and back. */
export const compareParam = (a: string, b: string): string => `compare:${a}:${b}`;
export function parseCompareParam(param: string | undefined): [string, string] | null {
  const m = /^compare:([A-Za-z0-9-]+):([A-Za-z0-9-]+)$/.exec(param ?? '');
  return m ? [m[1], m[2]] : null;
}
