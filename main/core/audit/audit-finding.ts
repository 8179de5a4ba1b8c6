import type { AuditCheckId, AuditSeverity } from './audit-check-ids';

/** One item of the checklist a service misses: what is set, why it matters, and the Compose change that fixes it. */
export interface AuditFinding {
  service: string;
  check: AuditCheckId;
  severity: AuditSeverity;
  /** The Compose setting concerned, e.g. `cap_drop`. */
  setting: string;
  /** What was found, in words: "runs as root (user: 0)". */
  found: string;
  why: string;
  /** A Compose YAML snippet for this service that fixes it. */
  fix: string;
  /** Set when the template explains why this service keeps the setting. */
  exception?: string;
}

export const SEVERITY_RANK: Record<AuditSeverity, number> = { low: 1, medium: 2, high: 3 };
