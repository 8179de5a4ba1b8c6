// Feature flags the redis-streams workers read from Redis itself (the shared config store of the lab),
// so a flag survives a worker's restart the way a real feature flag does:
//   flags:worker:leakMbPerSec   a per-message cache that never evicts: the worker keeps this many MiB a
//                               second (the leakMbPerSec fault); deleting the key turns it off and
//                               drops what it kept
// `redis-cli SET flags:worker:leakMbPerSec 25` turns it on for every worker within FLAG_POLL_MS.
import type { Faults } from './faults';
import type { Redis } from './redis';
import { errorText, log, sleep } from './runtime';

export const LEAK_FLAG_KEY = 'flags:worker:leakMbPerSec';
const FLAG_POLL_MS = 2000;

/** Polls the leak flag and applies it as the workload's leakMbPerSec fault (0 when the key is gone). */
export async function watchLeakFlag(client: Redis, faults: Faults, role: string, signal: AbortSignal): Promise<void> {
  let applied = 0;
  while (!signal.aborted) {
    try {
      const raw = await client.get(LEAK_FLAG_KEY);
      const want = raw === null ? 0 : Math.max(0, Math.min(1024, Number(raw) || 0));
      if (want !== applied) {
        faults.apply({ leakMbPerSec: want });
        if (want === 0) faults.dropLeaked(); // the flag's cache goes with it
        log(role, 'feature flag', { key: LEAK_FLAG_KEY, leakMbPerSec: want });
        applied = want;
      }
    } catch (err) {
      if (!signal.aborted) log(role, 'feature flag read failed', { key: LEAK_FLAG_KEY, error: errorText(err) });
    }
    await sleep(FLAG_POLL_MS, signal);
  }
}
