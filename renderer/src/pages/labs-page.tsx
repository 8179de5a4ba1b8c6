import { lazy, Suspense, useEffect, useMemo, useState, type FormEvent } from 'react';
import { EmptyState } from '../components/empty-state';
import { EngineDownNotice } from '../components/engine-down-notice';
import { ErrorPanel } from '../components/error-panel';
import { JobPanel } from '../components/job-panel';
import { TemplateCard, templateRef } from '../components/template-card';
import { useOfflineReadiness } from '../bundles/use-offline-readiness';
import { TrustDialog } from '../components/trust-dialog';
import { useJobsStore } from '../state/jobs-store';
import { useLabsStore } from '../state/labs-store';
import { useRouteStore } from '../state/route-store';
// One lab's page (dashboards with uPlot, logs, terminals) loads when a lab is opened.
const LabPage = lazy(() => import('./lab-page').then((m) => ({ default: m.LabPage })));

export function LabsPage() {
  const param = useRouteStore((s) => s.param);
  return param ? (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <LabPage labId={param} />
    </Suspense>
  ) : (
    <LabsList />
  );
}

function LabsList() {
  const { templates, labs, error, load, start, review, trustAndStart, cancelReview } = useLabsStore();
  const all = useJobsStore((s) => s.jobs);
  const jobs = useMemo(() => Object.values(all).filter((j) => j.summary.kind === 'lab.up'), [all]);
  const go = useRouteStore((s) => s.go);
  const [path, setPath] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const done = jobs.find((j) => j.summary.state === 'succeeded');
    if (done) {
      const labId = (done.summary.result as { labId?: string } | undefined)?.labId;
      useJobsStore.getState().dismiss(done.summary.jobId);
      void load();
      if (labId) go('labs', labId);
    }
  }, [jobs, go, load]);
  const busy = jobs.some((j) => j.summary.state === 'running');
  // a start's progress is drawn on the card that was clicked; one from a file (or elsewhere) beside the file form
  const onCard = new Set((templates ?? []).map(templateRef));
  const elsewhere = jobs.filter((j) => !j.origin || !onCard.has(j.origin));
  const offline = useOfflineReadiness(templates);
  const openFile = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) void start(path.trim());
  };

  return (
    <>
      <h1>Labs</h1>
      <EngineDownNotice />
      {error ? <ErrorPanel error={error} /> : null}
      {review ? <TrustDialog plan={review.plan} onTrust={() => void trustAndStart()} onCancel={cancelReview} /> : null}
      <section aria-label="Running labs">
        <h2>Running</h2>
        {labs === null ? <p className="muted">Looking for running labs…</p> : null}
        {labs && labs.length === 0 ? <p className="muted">No lab is running. Start one from a template below.</p> : null}
        <ul className="lab-list">
          {(labs ?? []).map((l) => (
            <li key={l.labId}>
              {l.owner === 'other' ? <span>{l.labId}</span> : <a href={`#/labs/${l.labId}`}>{l.labId}</a>} <span className={`pill ${l.state}`}>{l.state}</span>{' '}
              <span className="muted">
                {l.running}/{l.containers} running{l.owner === 'other' ? " · another Labdeck's lab, left alone" : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Templates">
        <h2>Templates</h2>
        {templates === null ? <p className="muted">Reading lab templates…</p> : null}
        {templates && templates.length === 0 ? (
          <EmptyState title="No lab templates">
            <p>Put a folder with a compose.yaml in your Labdeck data folder's labs/, or open one below.</p>
          </EmptyState>
        ) : null}
        <div className="cards">
          {(templates ?? []).map((t) => (
            <TemplateCard key={t.file} t={t} busy={busy} jobs={jobs.filter((j) => j.origin === templateRef(t))} offline={t.source === 'file' ? undefined : offline.get(t.name)} onStart={(opts) => void start(templateRef(t), undefined, { cluster: t.kind === 'cluster', ...opts })} />
          ))}
        </div>
        {elsewhere.map((j) => (
          <JobPanel key={j.summary.jobId} job={j} />
        ))}
        <form className="row" onSubmit={openFile} aria-label="Open a compose file">
          <label className="field grow">
            Open a compose file (path on the machine running Labdeck)
            <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/project/compose.yaml" />
          </label>
          <button type="submit" disabled={busy || !path.trim()}>
            Start from file
          </button>
        </form>
      </section>
    </>
  );
}
