import type { ClassBoard, ClassDetail, ClassSummary } from '../../api/schemas/classes';
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
