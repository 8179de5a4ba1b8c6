import { z } from 'zod';

export const RiskKind = z.enum(['host-path', 'engine-access', 'capability', 'security-opt', 'root-user', 'host-env', 'no-limits', 'replicas', 'build-context']);
export type RiskKind = z.infer<typeof RiskKind>;

/**
 * How a risk bears on `up`: `note` is shown only; `trust` needs the owner's trust of this file's content;
 * `refused` is refused even when trusted, unless `allow` is named with --allow-engine-access (replicas over
 * the bound have no `allow`: lower them).
 */
export const RiskLevel = z.enum(['note', 'trust', 'refused']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const TemplateRisk = z.object({
  service: z.string(),
  kind: RiskKind,
  level: RiskLevel,
  /** The Compose setting, as a person would write it: `volumes: /var/run/docker.sock:/var/run/docker.sock`. */
  setting: z.string(),
  /** What the container can do with it. */
  message: z.string(),
  /** The host path --allow-engine-access must name to lift a refusal. */
  allow: z.string().optional(),
});
export type TemplateRisk = z.infer<typeof TemplateRisk>;

/** The same risk across runs: what a stored trust covers. */
export const riskId = (r: Pick<TemplateRisk, 'service' | 'kind' | 'setting'>): string => `${r.service}|${r.kind}|${r.setting}`;
