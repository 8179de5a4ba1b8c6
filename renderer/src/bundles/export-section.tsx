import { useEffect, useMemo, useState } from 'react';
import type { BundleExportResult } from '../../../main/api/schemas/bundles';
import type { TemplateSummary } from '../../../main/api/schemas/labs';
import type { z } from 'zod';
import type { ScenarioSummary } from '../../../main/api/schemas/runs';
import { ErrorPanel } from '../components/error-panel';
import { api } from '../state/client';
import { useJobsStore } from '../state/jobs-store';
import { BundleJob } from './bundle-job';
import { mib, problemOf, startDownload, type Problem } from './upload-bundle';
import { ExportList } from './export-list';
import { SigningKeyPicker } from './signing-key-picker';

/** Export: pick labs and scenarios, sign with one of this installation's keys, download the bundle. */
export function ExportSection() {
  const [labs, setLabs] = useState<TemplateSummary[]>([]);
  const [scenarios, setScenarios] = useState<z.infer<typeof ScenarioSummary>[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [signWith, setSignWith] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [exportsVersion, setExportsVersion] = useState(0);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  useEffect(() => {
    api().api['labs.templates']({}).then((t) => setLabs(t.filter((x) => x.source !== 'file' && x.kind !== 'cluster' && !x.error)), (e) => setProblem(problemOf(e)));
    api().api['scenarios.list']({}).then((s) => setScenarios(s.filter((x) => x.source !== 'file' && !x.error)), (e) => setProblem(problemOf(e)));
  }, []);
  const state = job?.summary.state;
  useEffect(() => {
    if (state && state !== 'running') setExportsVersion((v) => v + 1);
  }, [state]);
  const result = useMemo(() => (job?.summary.state === 'succeeded' ? (job.summary.result as BundleExportResult) : undefined), [job]);

  const toggle = (name: string, on: boolean): void => setPicked((p) => (on ? new Set(p).add(name) : new Set([...p].filter((n) => n !== name))));
  const exportNow = async (): Promise<void> => {
    setProblem(null);
    try {
      const summary = await api().api['bundles.create']({ names: [...picked], signWith: signWith || undefined });
      useJobsStore.getState().track(summary, `Exporting ${[...picked].join(', ')}`);
      setJobId(summary.jobId);
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  const download = async (name: string): Promise<void> => {
    try {
      startDownload((await api().api['bundles.download']({ name })).url, name);
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  const running = state === 'running';
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">One file with the labs, the scenarios (and the labs they need) and every image they use, for machines with no network.</p>
      <form onSubmit={(e) => (e.preventDefault(), void exportNow())} aria-label="Export a bundle">
        <fieldset>
          <legend>Labs</legend>
          {labs.map((l) => (
            <label key={l.name} className="radio">
              <input type="checkbox" checked={picked.has(l.name)} onChange={(e) => toggle(l.name, e.target.checked)} /> {l.title} <span className="muted">({l.name})</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Scenarios</legend>
          {scenarios.length === 0 ? <p className="muted">No scenarios.</p> : null}
          {scenarios.map((s) => (
            <label key={s.name} className="radio">
              <input type="checkbox" checked={picked.has(s.name)} onChange={(e) => toggle(s.name, e.target.checked)} /> {s.title ?? s.name} <span className="muted">({s.name})</span>
            </label>
          ))}
        </fieldset>
        <SigningKeyPicker value={signWith} onChange={setSignWith} onProblem={setProblem} />
        <button type="submit" disabled={running || picked.size === 0}>
          Export {picked.size ? `${picked.size} selected` : ''}
        </button>
      </form>
      {problem ? <ErrorPanel error={problem} onDismiss={() => setProblem(null)} /> : null}
      {job ? (
        <BundleJob job={job}>
          {result ? (
            <p role="status">
              Exported {result.export.name} ({mib(result.export.bytes)}, {result.images.length} images, {result.signed ? `signed by key ${result.keyId}` : 'unsigned'}).{' '}
              <button type="button" onClick={() => void download(result.export.name)}>
                Download {result.export.name}
              </button>
            </p>
          ) : null}
        </BundleJob>
      ) : null}
      <ExportList version={exportsVersion} onDownload={(n) => void download(n)} onProblem={setProblem} />
    </section>
  );
}
