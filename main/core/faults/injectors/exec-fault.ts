import { LabdeckError } from '../../../api/errors';
import { execIn } from '../container-exec';
import type { Injector } from '../injector';

/** exec: an arbitrary argv in the target (no shell unless the argv is one); its revert is revertArgv, if any. */
export const execFault: Injector<'exec'> = async ({ docker, target }, f) => {
  if (!target.running || target.paused) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} is not running`);
  const { argv, revertArgv, user, timeoutMs } = f.params;
  return {
    revert: revertArgv ? { op: 'exec', startedAt: target.startedAt, argvs: [revertArgv], user } : { op: 'none' },
    apply: async () => {
      const r = await execIn(docker.getContainer(target.id), argv, { user, timeoutMs });
      if (r.exitCode !== 0) throw new LabdeckError('FAULT_FAILED', `${argv.join(' ')} exited ${r.exitCode} in ${target.name}: ${(r.stderr || r.stdout).trim().slice(0, 400)}`);
      return { exitCode: r.exitCode, stdout: r.stdout.slice(0, 2000) };
    },
  };
};
