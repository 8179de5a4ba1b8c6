import { useJobsStore, type TrackedJob } from '../state/jobs-store';

/** A job's title, its state, and Cancel while it runs (Close once it ended). */
export function JobHeader({ job, heading: Heading }: { job: TrackedJob; heading: 'h2' | 'h3' | 'h4' }) {
  const { cancel, dismiss } = useJobsStore();
  const { summary } = job;
  return (
    <div className="row">
      <Heading>{job.label}</Heading>
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
  );
}
