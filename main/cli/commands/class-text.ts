import type { ClassBoard, ClassCapacity, ClassDetail, ClassSummary } from '../../api/schemas/classes';
import { rows } from '../format';

const MARK: Record<string, string> = { 'not-started': '·', 'in-progress': '…', passed: '✓', failed: '✗' };

export function classText(c: ClassSummary | ClassDetail): string {
  const pairs: [string, string][] = [
    ['class', `${c.name} (${c.state})`],
    ['course', c.course.map((s, i) => `${i + 1}. ${s.name} (${s.kind})`).join('\n')],
    ['seats', String(c.seats)],
  ];
  if (c.minutes !== undefined) pairs.push(['time limit', `${c.minutes} min${c.endsAt ? `, ends ${c.endsAt}` : ''}`]);
  return rows(pairs);
}

/** Seats × steps, one line per seat: ✓ passed, ✗ failed, … in progress, · not started. */
export function boardText(b: ClassBoard): string {
  const lines = b.rows.map((r) => {
    const cells = r.cells.map((c) => `${MARK[c.status]} ${c.tasksPassed}/${c.tasksTotal}${c.hintsUsed ? ` h${c.hintsUsed}` : ''}`).join('  ');
    const lab = r.lab ? `${r.lab.labId} ${r.lab.state}` : 'no lab';
    return `${r.seat.padEnd(20)} ${r.state === 'revoked' ? 'revoked ' : ''}${cells}   ${lab}`;
  });
  return lines.join('\n');
}

const VERDICT = { ok: 'capacity: fits', warn: 'capacity: WARNING', refuse: 'capacity: DOES NOT FIT (start refuses without --force)' } as const;
const mib = (b?: number): string => (b === undefined ? '–' : `${Math.round(b / 1048576)} MiB`);

/** The capacity plan: per step's lab its budget and limits, then the verdict's sentences with the numbers. */
export function capacityText(c: ClassCapacity): string {
  const labs = c.labs.map((l) => `  step ${l.step + 1} ${l.lab}: budget ${mib(l.budgetMemoryBytes)} / ${l.budgetCpus ?? '–'} CPU, limits ${mib(l.limitMemoryBytes)} / ${Math.round(l.limitCpus * 100) / 100} CPU`);
  const engine = c.engine ? `engine: ${mib(c.engine.memoryBytes)}, ${c.engine.cpus} CPU` : 'engine: unknown';
  return [VERDICT[c.verdict], ...labs, `  ${engine}`, ...c.notes.map((n) => `  ${n}`)].join('\n');
}
