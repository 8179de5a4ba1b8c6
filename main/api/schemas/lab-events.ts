import { z } from 'zod';
import { LabId } from './labs';

/** What happened to a lab, in the order Labdeck learnt it: alerts received, notes, service actions, a game day's faults and checks. */
export const LabEventKind = z.enum([
  'alert.firing',
  'alert.resolved',
  'note',
  'service.stopped',
  'service.started',
  'service.restarted',
  'fault.injected',
  'fault.reverted',
  'check.passed',
  'check.failed',
]);
export type LabEventKind = z.infer<typeof LabEventKind>;

export const LabEvent = z.object({
  seq: z.number().int(),
  labId: LabId,
  /** When it happened (for an alert: when it started firing or resolved), ISO 8601. */
  at: z.string(),
  /** When Labdeck recorded it. */
  receivedAt: z.string(),
  kind: LabEventKind,
  /** Who said so: Alertmanager's webhook, a person in the console, or Labdeck itself. */
  source: z.enum(['alertmanager', 'user', 'labdeck', 'run']),
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type LabEvent = z.infer<typeof LabEvent>;

export const LabEventsParams = z.object({ labId: LabId, afterSeq: z.number().int().min(0).optional() }).strict();
export const NoteParams = z.object({ labId: LabId, text: z.string().trim().min(1, 'a note needs some text').max(4000) }).strict();

/** An alert as Prometheus reports it now (`/api/v1/alerts`): pending or firing. */
export const ActiveAlert = z.object({
  name: z.string(),
  state: z.enum(['pending', 'firing']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});
export type ActiveAlert = z.infer<typeof ActiveAlert>;

export const ServiceActionParams = z
  .object({ labId: LabId, container: z.string().min(1).max(200), action: z.enum(['stop', 'start', 'restart']) })
  .strict();
