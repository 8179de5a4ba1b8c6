import { z } from 'zod';
import type { NewLabEvent } from '../../labs/lab-events-repo';

/** Alertmanager's webhook body (version 4), as its docs give it; unknown fields pass. */
export const WebhookPayload = z.object({
  version: z.string(),
  groupKey: z.string(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: z.record(z.string(), z.string()),
  commonLabels: z.record(z.string(), z.string()),
  commonAnnotations: z.record(z.string(), z.string()),
  externalURL: z.string(),
  truncatedAlerts: z.number().int().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()),
        startsAt: z.string(),
        endsAt: z.string(),
        generatorURL: z.string(),
        fingerprint: z.string(),
      }),
    )
    .max(1000),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/**
 * One lab event per alert and state: Alertmanager repeats a group's notification (every
 * group_interval when it changes, every repeat_interval while it fires), so the dedupe key is the
 * alert's fingerprint, the start of this firing, and the state.
 */
export function alertEvents(labId: string, p: WebhookPayload): NewLabEvent[] {
  return p.alerts.map((a) => {
    const name = a.labels.alertname ?? 'alert';
    const where = a.labels.service ?? a.labels.instance;
    const summary = a.annotations.summary;
    return {
      labId,
      kind: a.status === 'firing' ? 'alert.firing' : 'alert.resolved',
      source: 'alertmanager',
      at: a.status === 'firing' ? a.startsAt : a.endsAt,
      title: `${name}${where ? ` (${where})` : ''} ${a.status}${summary ? `: ${summary}` : ''}`,
      data: { alertname: name, labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: a.endsAt, fingerprint: a.fingerprint, generatorURL: a.generatorURL, groupKey: p.groupKey },
      dedupeKey: `${labId}|${a.fingerprint}|${a.startsAt}|${a.status}`,
    };
  });
}
