import { z } from 'zod';
import { EngineStatus } from './engine';

export const ToolCheck = z.object({
  name: z.string(),
  found: z.boolean(),
  path: z.string().optional(),
  version: z.string().optional(),
  error: z.string().optional(),
  /** The oldest version Labdeck works with (k3d: the one that reads k3d.io/v1alpha5 configs). */
  minVersion: z.string().optional(),
  /** Set when the version found is older than minVersion: the commands that need the tool refuse it. */
  tooOld: z.boolean().optional(),
  /** What to do about a missing or too old tool. */
  hint: z.string().optional(),
});
export type ToolCheck = z.infer<typeof ToolCheck>;

export const HostResources = z.object({
  dataDir: z.string(),
  diskFreeBytes: z.number().nonnegative(),
  diskTotalBytes: z.number().nonnegative(),
  memoryAvailableBytes: z.number().nonnegative(),
  memoryTotalBytes: z.number().nonnegative(),
  cpus: z.number().int().positive(),
  platform: z.string(),
  arch: z.string(),
});
export type HostResources = z.infer<typeof HostResources>;

export const DoctorReport = z.object({
  ok: z.boolean(),
  engine: EngineStatus,
  tools: z.array(ToolCheck),
  host: HostResources,
});
export type DoctorReport = z.infer<typeof DoctorReport>;
