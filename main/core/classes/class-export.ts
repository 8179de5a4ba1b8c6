import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { ClassBoard } from '../../api/schemas/classes';
import type { RecordingSummary } from '../../api/schemas/terminals';

export interface ExportSources {
  board: ClassBoard;
  /** Every run of a seat (a step may have been tried more than once), newest first. */
  runsOf: (seat: string) => { id: string; scenario: string }[];
  report: (runId: string, format: 'json' | 'html') => string;
  recordings: (runId: string) => Promise<RecordingSummary[]>;
  recordingText: (id: number) => Promise<string>;
}

const CSV_HEAD = ['seat', 'step', 'kind', 'name', 'status', 'run', 'score', 'tasks_passed', 'tasks_total', 'hints_used', 'failed_checks', 'elapsed_ms', 'time_to_detect_ms'];
/** RFC 4180: quote a field holding a comma, quote or line break; a leading = + - @ is defused so a spreadsheet does not run it. */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function scoresCsv(board: ClassBoard): string {
  const lines = [CSV_HEAD.join(',')];
  for (const row of board.rows) {
    for (const cell of row.cells) {
      const step = board.class.course[cell.step]!;
      lines.push(
        [row.seat, cell.step + 1, step.kind, step.name, cell.status, cell.runId, cell.score, cell.tasksPassed, cell.tasksTotal, cell.hintsUsed, cell.failedChecks, cell.elapsedMs, cell.ttdMs]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One .tar.gz of a class: `<class>/scores.csv`, the board as JSON, and per seat and run its journal
 * (JSON), its report (HTML) and its terminal recordings (asciicast). Written to a temp file and
 * renamed, so a failed export leaves no half archive under the asked name.
 */
export async function exportClass(file: string, src: ExportSources): Promise<{ file: string; bytes: number }> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const tar = pack();
  const done = pipeline(tar, createGzip(), createWriteStream(tmp, { mode: 0o600 }));
  const root = src.board.class.name;
  const add = (name: string, text: string): Promise<void> =>
    new Promise((resolve, reject) => tar.entry({ name: `${root}/${name}`, mode: 0o644 }, text, (err) => (err ? reject(err) : resolve())));
  try {
    await add('scores.csv', scoresCsv(src.board));
    await add('board.json', `${JSON.stringify(src.board, null, 2)}\n`);
    for (const row of src.board.rows) {
      for (const run of src.runsOf(row.seat)) {
        const dir = `seats/${row.seat}/${run.id}`;
        await add(`${dir}/journal.json`, src.report(run.id, 'json'));
        await add(`${dir}/report.html`, src.report(run.id, 'html'));
        for (const r of await src.recordings(run.id)) await add(`${dir}/recordings/${r.id}-${r.sessionId}.cast`, await src.recordingText(r.id));
      }
    }
    tar.finalize();
    await done;
  } catch (err) {
    tar.destroy(err as Error);
    await done.catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, file);
  return { file, bytes: (await stat(file)).size };
}
