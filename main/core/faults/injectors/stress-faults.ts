import { LabdeckError } from '../../../api/errors';
import { execDetached, execIn, execOk } from '../container-exec';
import { sizeBytes } from '../fault-model';
import type { Injector } from '../injector';

/** A constant script (never built from input): kills every process whose command line holds $1, but itself. */
export const KILL_TAGGED = 'for p in /proc/[0-9]*; do n=${p#/proc/}; [ "$n" = "$$" ] && continue; if tr "\\0" " " < "$p/cmdline" 2>/dev/null | grep -q -- "$1"; then kill -9 "$n" 2>/dev/null; fi; done; exit 0';
const BUSY_LOOP = 'while :; do :; done';
/** Without a duration, a CPU stress still ends by itself after this long, even if Labdeck is gone. */
const CPU_DEFAULT_SECONDS = 600;

/**
 * CPU stress inside the target's own cgroup (so its CPU limit and its neighbours feel it): busy
 * loops started by exec, each under `timeout`, so they end by themselves even if nothing reverts
 * them. The revert kills them by the tag they carry as $0. Needs sh and timeout in the image.
 */
export const cpuFault: Injector<'cpu'> = async ({ docker, target, faultId }, f) => {
  if (!target.running || target.paused) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} is not running`);
  const tag = `labdeck-cpu-${faultId}`;
  const seconds = String(Math.ceil((f.durationMs ?? CPU_DEFAULT_SECONDS * 1000) / 1000) + 5);
  const c = docker.getContainer(target.id);
  // The workers are started detached, so a missing tool would go unseen: look for them first.
  const tools = await execIn(c, ['sh', '-c', 'command -v timeout && command -v tr && command -v grep']).catch(() => ({ exitCode: -1 }));
  if (tools.exitCode !== 0) throw new LabdeckError('FAULT_UNSUPPORTED', `${target.name} has no sh, timeout, tr and grep, which the CPU stress runs in the container`);
  return {
    revert: { op: 'exec', startedAt: target.startedAt, argvs: [['sh', '-c', KILL_TAGGED, 'labdeck-revert', tag]] },
    apply: async () => {
      for (let i = 0; i < f.params.workers; i++) await execDetached(c, ['timeout', seconds, 'sh', '-c', BUSY_LOOP, tag]);
      return { workers: f.params.workers, boundSeconds: Number(seconds) };
    },
  };
};

/** Memory stress cannot exceed this (and /dev/shm's own size bounds it too). */
export const MEMORY_MAX_BYTES = 2 * 1024 ** 3;

/**
 * Memory stress charged to the target's own memory cgroup: a file of that size in its /dev/shm
 * (tmpfs pages count against the container that writes them). Bounded by /dev/shm's size (64m by
 * default) and MEMORY_MAX_BYTES. The revert removes the file; a restart of the container drops it.
 */
export const memoryFault: Injector<'memory'> = async ({ docker, target, faultId }, f) => {
  if (!target.running || target.paused) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} is not running`);
  const bytes = sizeBytes(f.params.size);
  if (!(bytes > 0 && bytes <= MEMORY_MAX_BYTES)) throw new LabdeckError('FAULT_INVALID', `memory stress size ${f.params.size} must be above 0 and at most 2g`);
  const mb = Math.max(1, Math.round(bytes / 1024 ** 2));
  const file = `/dev/shm/labdeck-mem-${faultId}`;
  const c = docker.getContainer(target.id);
  return {
    revert: { op: 'exec', startedAt: target.startedAt, argvs: [['rm', '-f', file]] },
    apply: async () => {
      await execOk(c, ['dd', 'if=/dev/zero', `of=${file}`, 'bs=1M', `count=${mb}`], { timeoutMs: 60_000 }).catch((err: LabdeckError) => {
        throw new LabdeckError('FAULT_FAILED', `could not hold ${mb} MiB in ${target.name}'s /dev/shm: ${err.message}`, { hint: '/dev/shm is 64m unless the service sets shm_size.' });
      });
      return { file, mb };
    },
  };
};
