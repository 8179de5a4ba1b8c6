import type { JobProgress } from '../../../main/api/schemas/jobs';

export interface StepLine {
  step: string;
  message?: string;
  fraction?: number;
}

/**
 * A bundle job's progress as one line per step (`image redis:7.2`, `verify nats:2.10`, `signature`),
 * each with its latest message, in the order the steps first appeared: a bundle of many images
 * sends many updates per image, and a list of the last few would push the first images out.
 */
export function latestSteps(steps: JobProgress[]): StepLine[] {
  const by = new Map<string, StepLine>();
  for (const s of steps) by.set(s.step, { step: s.step, message: s.message, fraction: s.fraction });
  return [...by.values()];
}
