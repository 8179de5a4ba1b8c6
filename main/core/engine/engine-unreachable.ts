import { LabdeckError } from '../../api/errors';
import type { EngineStatus } from '../../api/schemas/engine';

/** ENGINE_UNREACHABLE naming every place that was tried and what each answered. */
export function unreachableError(status: EngineStatus): LabdeckError {
  const tried = status.looked.map((l) => `${l.source} ${l.endpoint}: ${l.error ?? l.result}`);
  return new LabdeckError('ENGINE_UNREACHABLE', `no container engine answers${tried.length ? `; tried:\n    ${tried.join('\n    ')}` : ''}`, {
    hint: status.hint ?? 'Start the engine, then try again. Nothing was changed; labs are not forgotten while the engine is away.',
  });
}

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

/**
 * Whether a failed engine call means the engine went away (stopped, restarting), as opposed to an
 * answer from the engine. A socket file that vanished while the service restarts is ENOENT on
 * `connect`; dockerode passes these through with their code.
 */
export function isEngineGone(err: unknown): boolean {
  if (err instanceof LabdeckError) return err.code === 'ENGINE_UNREACHABLE';
  const e = err as { code?: string; syscall?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && SOCKET_ERRORS.has(e.code)) return true;
  if (e.code === 'ENOENT' && e.syscall === 'connect') return true;
  return /socket hang up/.test(e.message ?? '');
}
