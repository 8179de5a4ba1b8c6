import { ErrorPanel } from '../components/error-panel';
import { JobHeader } from '../components/job-header';
import type { TrackedJob } from '../state/jobs-store';
import { latestSteps } from './job-steps';

/** An export or import job: one line per image with its own progress bar, Cancel while it runs. */
export function BundleJob({ job, children }: { job: TrackedJob; children?: React.ReactNode }) {
  const { summary } = job;
  const lines = latestSteps(job.steps);
  return (
    <section className="job-panel" aria-label={job.label}>
      <JobHeader job={job} heading="h3" />
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
