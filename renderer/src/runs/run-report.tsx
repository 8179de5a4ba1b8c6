import { useEffect, useState } from 'react';
import { api } from '../state/client';
import { Markdown } from './markdown';
import { exportReport, type ExportedRun, type ReportFormat } from './report-export';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'json', label: 'JSON journal' },
];

/** Export buttons: the report as Markdown or self-contained HTML, or the run's JSON journal. */
export function ExportButtons({ run }: { run: ExportedRun }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row export-buttons" role="group" aria-label="Export">
      {FORMATS.map((f) => (
        <button key={f.format} type="button" className="secondary" onClick={() => exportReport(run, f.format).then(() => setError(null), (e: unknown) => setError(String(e)))}>
          Export {f.label}
        </button>
      ))}
      {error ? <span className="error-text">{error}</span> : null}
    </div>
  );
}

/** The run's report, read in the app (its Markdown form). */
export function RunReport({ run }: { run: ExportedRun }) {
  const runId = run.id;
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
      <ExportButtons run={run} />
      {error ? <p className="error-text">{error}</p> : text === null ? <p className="muted">Loading the report…</p> : <Markdown text={text} />}
    </section>
  );
}
