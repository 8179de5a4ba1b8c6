import { LabdeckError } from '../../../api/errors';
import type { Injector } from '../injector';

const mustRun = (running: boolean, name: string, what: string): void => {
  if (!running) throw new LabdeckError('FAULT_TARGET_INVALID', `${name} is not running; there is nothing to ${what}`);
};

/** kill: sends a signal (default SIGKILL); the revert starts the container again unless it is running. */
export const killFault: Injector<'kill'> = async ({ docker, target }, f) => {
  mustRun(target.running, target.name, 'kill');
  return {
    revert: { op: 'start' },
    apply: async () => {
      await docker.getContainer(target.id).kill({ signal: f.params.signal });
    },
  };
};

/** stop: the engine's stop (TERM, then KILL after timeoutSeconds); the revert starts it. */
export const stopFault: Injector<'stop'> = async ({ docker, target }, f) => {
  mustRun(target.running, target.name, 'stop');
  return {
    revert: { op: 'start' },
    apply: async () => {
      await docker.getContainer(target.id).stop({ t: f.params.timeoutSeconds });
    },
  };
};

/** restart: the engine's restart; nothing to revert, the container is running again when it returns. */
export const restartFault: Injector<'restart'> = async ({ docker, target }, f) => ({
  revert: { op: 'none' },
  apply: async () => {
    await docker.getContainer(target.id).restart({ t: f.params.timeoutSeconds });
  },
});

/**
 * The cgroup v1 freezer gives up ("unable to freeze") when a process does not stop in time, which
 * happens on a busy machine; runc's own answer is to try again, so do we (5 tries, 300 ms apart).
 */
async function pauseWithRetry(pause: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pause();
      return;
    } catch (err) {
      if (attempt >= 5 || !/unable to freeze/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** pause: freezes every process (cgroup freezer); the revert unpauses. */
export const pauseFault: Injector<'pause'> = async ({ docker, target }) => {
  mustRun(target.running, target.name, 'pause');
  if (target.paused) throw new LabdeckError('FAULT_CONFLICT', `${target.name} is already paused`);
  return {
    revert: { op: 'unpause' },
    apply: async () => {
      const c = docker.getContainer(target.id);
      await pauseWithRetry(() => c.pause());
    },
  };
};
