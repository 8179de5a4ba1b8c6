import { useEffect, useState } from 'react';
import { api } from '../state/client';
import { Markdown } from './markdown';
import { exportReport, type ReportFormat } from './report-export';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'json', label: 'JSON journal' },
];

/** Export buttons: the report as Markdown or self-contained HTML, or the run's JSON journal. */
export function ExportButtons({ runId }: { runId: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row export-buttons" role="group" aria-label="Export">
      {FORMATS.map((f) => (
        <button key={f.format} type="button" className="secondary" onClick={() => exportReport(runId, f.format).then(() => setError(null), (e: unknown) => setError(String(e)))}>
          Export {f.label}
        </button>
      ))}
      {error ? <span className="error-text">{error}</span> : null}
    </div>
  );
}

/** The run's report, read in the app (its Markdown form). */
export function RunReport({ runId }: { runId: string }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .api['runs.report']({ runId, format: 'md' })
      .then(
        (r) => live && setText(r.text),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [runId]);
  return (
    <section className="run-report" aria-label="Report">
      <h2>Report</h2>
      <ExportButtons runId={runId} />
      {error ? <p className="error-text">{error}</p> : text === null ? <p className="muted">Loading the report…</p> : <Markdown text={text} />}
    </section>
  );
}
