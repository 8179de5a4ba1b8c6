import { useCallback, useEffect, useState } from 'react';
import type { AuditReport } from '../../../main/api/schemas/audit';
import { LabdeckError } from '../../../main/api/labdeck-error';
import { api } from '../state/client';
import { AuditFindings } from './audit-findings';
import { ErrorPanel } from './error-panel';

type Err = { code: string; message: string; hint?: string };

/** The Audit tab: the security checklist over the lab's running containers, rerun on demand (a change shows after Re-run). */
export function AuditPanel({ labId }: { labId: string }) {
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const [running, setRunning] = useState(false);
  const run = useCallback(async () => {
    setRunning(true);
    try {
      setReport(await api().api['labs.audit']({ labId }));
      setError(null);
    } catch (e) {
      setError(e instanceof LabdeckError ? e.toValue() : { code: 'INTERNAL', message: String(e) });
    } finally {
      setRunning(false);
    }
  }, [labId]);
  useEffect(() => void run(), [run]);
  return (
    <div role="tabpanel" aria-label="Audit">
      <div className="row">
        <button type="button" onClick={() => void run()} disabled={running}>
          {running ? 'Auditing…' : 'Re-run audit'}
        </button>
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      {report ? <AuditFindings report={report} /> : null}
    </div>
  );
}
