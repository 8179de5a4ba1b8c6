import { z } from 'zod';
import { LabId } from './labs';

export const AuditSeverity = z.enum(['low', 'medium', 'high']);

/** One checklist item a service misses; `exception` is the template's reason when it keeps it on purpose. */
export const AuditFinding = z.object({
  service: z.string(),
  check: z.string(),
  severity: AuditSeverity,
  setting: z.string(),
  found: z.string(),
  why: z.string(),
  /** Compose YAML for this service that fixes it. */
  fix: z.string(),
  exception: z.string().optional(),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const AuditReport = z.object({
  /** `lab`: the running containers (docker inspect); `template`: the Compose file as loaded. */
  source: z.enum(['lab', 'template']),
  /** The lab id or the template file. */
  subject: z.string(),
  services: z.array(z.string()),
  /** Open findings first by severity, then the excepted ones. */
  findings: z.array(AuditFinding),
  counts: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int(), excepted: z.number().int() }),
  /** Exceptions in the template that no finding needed (stale: remove them). */
  unusedExceptions: z.array(z.object({ service: z.string(), check: z.string(), reason: z.string() })),
});
export type AuditReport = z.infer<typeof AuditReport>;

export const AuditParams = z.object({ labId: LabId }).strict();
