import { z } from 'zod';

/** Units a panel formats its values in. */
export const Unit = z.enum(['none', 'short', 'bytes', 'seconds', 'ms', 'ops', 'reqps', 'percent', 'percentunit']);
export type Unit = z.infer<typeof Unit>;

export const Threshold = z.strictObject({ value: z.number(), color: z.enum(['green', 'yellow', 'orange', 'red', 'blue']) });

export const PanelQuery = z.strictObject({
  /** PromQL; `$service` and `$instance` are replaced by the dashboard variables. */
  expr: z.string().min(1),
  /** Legend template, e.g. `{{service}} {{instance}}`. */
  legend: z.string().optional(),
});

const base = {
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  /** Width in a 12-column row. */
  width: z.number().int().min(1).max(12).default(6),
};

export const Panel = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('timeseries'), queries: z.array(PanelQuery).min(1), unit: Unit.default('short'), stacked: z.boolean().default(false), thresholds: z.array(Threshold).default([]) }),
  z.strictObject({ ...base, kind: z.literal('stat'), query: PanelQuery, unit: Unit.default('short'), thresholds: z.array(Threshold).default([]), sparkline: z.boolean().default(true) }),
  z.strictObject({ ...base, kind: z.literal('table'), query: PanelQuery, columns: z.array(z.string()).default([]), unit: Unit.default('short') }),
  z.strictObject({ ...base, kind: z.literal('alerts') }),
  z.strictObject({ ...base, kind: z.literal('containers') }),
]);
export type Panel = z.infer<typeof Panel>;

export const DashboardVariable = z.strictObject({
  name: z.enum(['service', 'instance']),
  /** PromQL whose label values fill the picker, e.g. `up` → values of the `service` label. */
  query: z.string().default('up'),
  label: z.string().optional(),
});

/** Strict throughout: a misspelt key in a dashboard file is an error, not a silently applied default. */
export const Dashboard = z.strictObject({
  name: z.string(),
  title: z.string(),
  rows: z.array(z.strictObject({ title: z.string().optional(), panels: z.array(Panel) })),
  variables: z.array(DashboardVariable).default([]),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const RangeParams = z
  .object({
    labId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
    query: z.string().min(1).max(10_000),
    /** Unix seconds. */
    start: z.number(),
    end: z.number(),
    stepSeconds: z.number().min(0.5).max(3600),
  })
  .strict();

/** A range query's answer, decoded into numbers the charts draw directly. */
export const RangeResult = z.object({
  series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(z.tuple([z.number(), z.number()])) })),
});
export type RangeResult = z.infer<typeof RangeResult>;
