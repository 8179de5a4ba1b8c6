import { z } from 'zod';
import { EngineStatus } from './engine';

export const ToolCheck = z.object({
  name: z.string(),
  found: z.boolean(),
  path: z.string().optional(),
  version: z.string().optional(),
  error: z.string().optional(),
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
