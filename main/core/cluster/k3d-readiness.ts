import { LabdeckError } from '../../api/errors';
import { findExecutable } from '../system/find-executable';
import type { ProcessRunner } from '../system/process-runner';
import { findK3d } from './k3d-binary';

/**
 * Why a cluster lab cannot start on this machine, in the few words a card shows ("needs k3d: not
 * installed"), or undefined when k3d is there at a version that reads the templates.
 */
export async function k3dUnavailable(run: ProcessRunner, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (!(await findExecutable('k3d', env))) return 'needs k3d: not installed';
  try {
    await findK3d(run, env);
    return undefined;
  } catch (err) {
    const message = err instanceof LabdeckError || err instanceof Error ? err.message : String(err);
    return `needs k3d: ${message}`;
  }
}

/** The scenarios (or templates) whose lab is a cluster, marked as not startable here when k3d is missing; the others as they are. */
export async function markClusterNeeds<T extends { lab?: string; error?: string }>(items: T[], isCluster: (lab: string) => boolean, why: () => Promise<string | undefined>): Promise<(T & { unavailable?: string })[]> {
  const clustered = items.filter((s) => !s.error && s.lab && isCluster(s.lab));
  if (clustered.length === 0) return items;
  const reason = await why();
  if (!reason) return items;
  return items.map((s) => (clustered.includes(s) ? { ...s, unavailable: reason } : s));
}
