import { api } from '../state/client';

export type ReportFormat = 'md' | 'html' | 'json';

const TYPES: Record<ReportFormat, string> = { md: 'text/markdown', html: 'text/html', json: 'application/json' };

export const reportFileName = (runId: string, format: ReportFormat): string => `${runId}.${format === 'json' ? 'journal.json' : format}`;

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
export async function exportReport(runId: string, format: ReportFormat): Promise<void> {
  const { text } = await api().api['runs.report']({ runId, format });
  downloadText(text, reportFileName(runId, format), TYPES[format]);
}
