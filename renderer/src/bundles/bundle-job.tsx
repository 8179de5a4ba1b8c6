import { ErrorPanel } from '../components/error-panel';
import { useJobsStore, type TrackedJob } from '../state/jobs-store';
import { latestSteps } from './job-steps';

/** An export or import job: one line per image with its own progress bar, Cancel while it runs. */
export function BundleJob({ job, children }: { job: TrackedJob; children?: React.ReactNode }) {
  const { cancel, dismiss } = useJobsStore();
  const { summary } = job;
  const lines = latestSteps(job.steps);
  return (
    <section className="job-panel" aria-label={job.label}>
      <div className="row">
        <h3>{job.label}</h3>
        <span role="status" className={`job-state ${summary.state}`}>
          {summary.state}
        </span>
        {summary.state === 'running' ? (
          <button type="button" onClick={() => void cancel(summary.jobId)}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => dismiss(summary.jobId)}>
            Close
          </button>
        )}
      </div>
      <ul className="job-steps mono" aria-label="Progress per image">
        {lines.map((l) => (
          <li key={l.step}>
            {l.step}
            {l.message ? `: ${l.message}` : ''}
            {l.fraction !== undefined && l.step !== 'signature' ? <progress max={1} value={l.fraction} aria-label={`${l.step} progress`} /> : null}
          </li>
        ))}
      </ul>
      {children}
      {summary.error && summary.state !== 'cancelled' ? <ErrorPanel error={summary.error} /> : null}
      {summary.state === 'cancelled' ? <p role="status">{summary.error?.message ?? 'Cancelled.'}</p> : null}
    </section>
  );
}
