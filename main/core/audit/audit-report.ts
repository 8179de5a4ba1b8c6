import type { AuditReport } from '../../api/schemas/audit';
import { SEVERITY_RANK, type AuditFinding } from './audit-finding';
import { auditSubject } from './audit-checklist';
import type { AuditSubject } from './audit-subject';

export interface AuditException {
  service: string;
  check: string;
  reason: string;
}

/**
 * The checklist over every service: findings the template explains are kept but marked with the
 * reason (so they are still taught), and exceptions that matched nothing are returned as stale.
 */
export function auditReport(source: AuditReport['source'], subject: string, subjects: AuditSubject[], exceptions: AuditException[] = []): AuditReport {
  const used = new Set<AuditException>();
  const findings: AuditFinding[] = subjects.flatMap(auditSubject).map((f) => {
    const e = exceptions.find((x) => x.service === f.service && x.check === f.check);
    if (!e) return f;
    used.add(e);
    return { ...f, exception: e.reason };
  });
  findings.sort((a, b) => Number(!!a.exception) - Number(!!b.exception) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const open = findings.filter((f) => !f.exception);
  return {
    source,
    subject,
    services: subjects.map((s) => s.service),
    findings,
    counts: {
      high: open.filter((f) => f.severity === 'high').length,
      medium: open.filter((f) => f.severity === 'medium').length,
      low: open.filter((f) => f.severity === 'low').length,
      excepted: findings.length - open.length,
    },
    unusedExceptions: exceptions.filter((e) => !used.has(e)),
  };
}

/** Whether the report has an open finding at or above `threshold` (the CLI's exit code 1). */
export function failsAt(report: AuditReport, threshold: AuditFinding['severity']): boolean {
  return report.findings.some((f) => !f.exception && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
