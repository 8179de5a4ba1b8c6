import { z } from 'zod';
import { FAULT_KINDS, FAULT_PARAMS, type FaultKind } from '../../api/schemas/fault-actions';

/**
 * A fault as data: what to do (kind + params), to which container of a lab (target), and for how
 * long (durationMs: it reverts by itself after that; without it, it lasts until reverted). A run
 * engine builds these from a scenario's timeline; the faults service validates them with FaultSpec.
 */
export const FaultTarget = z.strictObject({
  service: z.string().min(1),
  /** 1-based replica (Compose's container number); 'random' picks one running replica; default 1. */
  replica: z.union([z.number().int().min(1), z.literal('random')]).optional(),
});
export type FaultTarget = z.infer<typeof FaultTarget>;

const duration = z.number().int().min(1).max(24 * 3600_000);

export { FAULT_KINDS, faultPath, type FaultKind } from '../../api/schemas/fault-actions';

type Params = typeof FAULT_PARAMS;
/** One fault of kind K, as FaultService takes it (input) and as it is recorded (output). */
type SpecOf<K extends FaultKind> = { kind: K; target: FaultTarget; durationMs?: number; params: z.output<Params[K]> };
/** Params with a default may be left out. */
type InputOf<K extends FaultKind> = { kind: K; target: FaultTarget; durationMs?: number } & (undefined extends z.input<Params[K]> ? { params?: z.input<Params[K]> } : { params: z.input<Params[K]> });
export type FaultSpec = { [K in FaultKind]: SpecOf<K> }[FaultKind];
export type FaultSpecInput = { [K in FaultKind]: InputOf<K> }[FaultKind];
export type FaultOf<K extends FaultKind> = SpecOf<K>;

/** Built from the contract's parameters, so a new kind needs no line here. */
export const FaultSpec = z.discriminatedUnion(
  'kind',
  FAULT_KINDS.map((kind) => z.strictObject({ kind: z.literal(kind), target: FaultTarget, durationMs: duration.optional(), params: FAULT_PARAMS[kind] })) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<FaultKind> }>,
  ],
) as unknown as z.ZodType<FaultSpec, FaultSpecInput>;

/** Bytes from a size like 64m (binary units, as Docker reads them). */
export function sizeBytes(s: number | string): number {
  if (typeof s === 'number') return s;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)/i.exec(s.trim());
  if (!m) return NaN;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}
