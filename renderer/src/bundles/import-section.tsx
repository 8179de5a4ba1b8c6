import { useId, useRef, useState } from 'react';
import type { BundleImportResult } from '../../../main/api/schemas/bundles';
import { ErrorPanel } from '../components/error-panel';
import { api } from '../state/client';
import { useJobsStore } from '../state/jobs-store';
import { BundleJob } from './bundle-job';
import { mib, problemOf, uploadBundle, type Problem } from './upload-bundle';
import { VerificationResult } from './verification-result';

const VERIFY_CODES = new Set(['BUNDLE_SIGNATURE', 'BUNDLE_INVALID', 'KEY_INVALID']);

/**
 * Import: the file is uploaded to the machine running Labdeck, then verified completely (signature,
 * every checksum) before anything is loaded; images load with progress, labs and scenarios install
 * last. The upload is removed when the import ends, whatever the outcome.
 */
export function ImportSection() {
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const [replace, setReplace] = useState(false);
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null);
  const [uploading, setUploading] = useState<AbortController | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const state = job?.summary.state;
  const result = state === 'succeeded' ? (job!.summary.result as BundleImportResult) : undefined;
  const refused = state === 'failed' && job?.summary.error && VERIFY_CODES.has(job.summary.error.code) ? job.summary.error : undefined;

  const importNow = async (): Promise<void> => {
    if (!file) return;
    setProblem(null);
    setJobId(null);
    const controller = new AbortController();
    setUploading(controller);
    try {
      const { upload } = await uploadBundle(file, (bytes, total) => setSent({ bytes, total }), controller.signal);
      const summary = await api().api['bundles.import']({ upload, allowUnsigned, replace });
      useJobsStore.getState().track(summary, `Importing ${file.name}`);
      setJobId(summary.jobId);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setUploading(null);
    }
  };
  const busy = uploading !== null || state === 'running';
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <form onSubmit={(e) => (e.preventDefault(), void importNow())} aria-label="Import a bundle">
        <label className="field" htmlFor={ids.file}>
          Bundle file
        </label>
        <input id={ids.file} ref={fileInput} type="file" accept=".bundle,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <label className="radio">
          <input type="checkbox" checked={allowUnsigned} onChange={(e) => setAllowUnsigned(e.target.checked)} /> Accept an unsigned bundle
        </label>
        <label className="radio">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace labs, scenarios and dashboards of the same name
        </label>
        <div className="row">
          <button type="submit" disabled={busy || !file}>
            Verify and import
          </button>
          {uploading ? (
            <button type="button" onClick={() => uploading.abort()}>
              Cancel upload
            </button>
          ) : null}
        </div>
      </form>
      {sent && (uploading || !job) ? (
        <p>
          Uploading: {mib(sent.bytes)} of {mib(sent.total)} <progress max={sent.total || 1} value={sent.bytes} aria-label="Upload progress" />
        </p>
      ) : null}
      {problem ? <ErrorPanel error={problem} onDismiss={() => setProblem(null)} /> : null}
      {job ? (
        <BundleJob job={job}>
          <VerificationResult summary={result} refused={refused} />
          {result ? (
            <ul aria-label="Imported">
              {result.loaded.map((i) => (
                <li key={i.id}>
                  image {i.image}: {i.outcome === 'loaded' ? 'loaded' : 'already present (same ID), skipped'}
                </li>
              ))}
              {result.installed.map((i) => (
                <li key={`${i.kind}-${i.name}`}>
                  {i.kind} {i.name}: {i.outcome}
                  {i.note ? ` (${i.note})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </BundleJob>
      ) : null}
    </section>
  );
}
