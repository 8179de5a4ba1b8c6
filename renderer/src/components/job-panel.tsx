import type { TrackedJob } from '../state/jobs-store';
import { ErrorPanel } from './error-panel';
import { JobHeader } from './job-header';

/** A running or finished job: its steps as they stream in, Cancel while it runs. `heading` fits where it is drawn (h2 on a page, h4 in a card). */
export function JobPanel({ job, heading: Heading = 'h2' }: { job: TrackedJob; heading?: 'h2' | 'h4' }) {
  const { summary, steps } = job;
  const last = steps.at(-1);
  return (
    <section className="job-panel" aria-label={job.label}>
      <JobHeader job={job} heading={Heading} />
      {last?.fraction !== undefined ? <progress max={1} value={last.fraction} aria-label="Progress" /> : null}
      <ol className="job-steps mono">
        {steps.slice(-12).map((s, i) => (
          <li key={`${s.at}-${i}`}>
            {s.step}
            {s.message ? `: ${s.message}` : ''}
          </li>
        ))}
      </ol>
      {summary.error ? <ErrorPanel error={summary.error} /> : null}
    </section>
  );
}
