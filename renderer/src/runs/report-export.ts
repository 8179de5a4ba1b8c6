import { api } from '../state/client';

export type ReportFormat = 'md' | 'html' | 'json';

const TYPES: Record<ReportFormat, string> = { md: 'text/markdown', html: 'text/html', json: 'application/json' };

/** What names an exported file: the run, its scenario and when it started. */
export interface ExportedRun {
  id: string;
  scenario: string;
  startedAt: string;
}

/**
 * `<scenario>-<date>-<run id>.<ext>`: a folder of exports sorts by scenario then date, and says
 * what each file is without opening it. A scenario given as a file path is named by its file.
 */
export function reportFileName(run: ExportedRun, format: ReportFormat): string {
  const scenario = (run.scenario.split(/[\\/]/).pop() ?? '').replace(/\.ya?ml$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(run.startedAt)?.[0];
  return `${[scenario, date, run.id].filter(Boolean).join('-')}.${format === 'json' ? 'journal.json' : format}`;
}

/** Saves a text as a file the browser (or Electron's window) downloads: a Blob behind an `a[download]`. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a run's report in one format and downloads it. */
export async function exportReport(run: ExportedRun, format: ReportFormat): Promise<void> {
  const { text } = await api().api['runs.report']({ runId: run.id, format });
  downloadText(text, reportFileName(run, format), TYPES[format]);
}
