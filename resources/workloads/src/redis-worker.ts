// redis-streams worker: consumer group `workers`, consumer name = HOSTNAME. Reads with XREADGROUP BLOCK,
// processes, then marks the id processed in the ledger and XACKs in one atomic step.
// - On start it first re-reads its own pending entries (XREADGROUP ... 0), so a message it read
//   before a crash is finished after a restart.
// - Every CLAIM_INTERVAL_MS it runs XAUTOCLAIM for entries idle longer than CLAIM_IDLE_MS (default
//   10 s, like JetStream's ack_wait), so messages of a dead worker, or ones that failed, are retried;
//   the admin fault {"autoClaim": false} turns that off (a worker without a claim loop).
// Env: REDIS_URL, STREAM, GROUP, CONSUMER (HOSTNAME), BATCH (10), BLOCK_MS (2000), WORK_MS (2),
// CLAIM_IDLE_MS (10000), CLAIM_INTERVAL_MS (2000), METRICS_PORT (9464).
// Feature flag (in Redis, see lib/redis-flags.ts): flags:worker:leakMbPerSec turns on a leak that
// survives restarts, as a bad flag does.
import { Faults } from './lib/faults';
import { connect, DUPLICATES_KEY, ensureGroup, GROUP, groupState, PROCESSED_KEY, readLedger, STREAM, type Redis } from './lib/redis';
import { watchLeakFlag } from './lib/redis-flags';
import { serveWorkload } from './lib/server';
import { envNum, envStr, errorText, instance, log, onShutdown, retry, sleep } from './lib/runtime';

const ROLE = 'worker';
const WORKLOAD = 'redis-worker';
const CONSUMER = envStr('CONSUMER', instance);
const BATCH = envNum('BATCH', 10);
const BLOCK_MS = envNum('BLOCK_MS', 2000);
const WORK_MS = envNum('WORK_MS', 2);
const CLAIM_IDLE_MS = envNum('CLAIM_IDLE_MS', 10_000);
const CLAIM_INTERVAL_MS = envNum('CLAIM_INTERVAL_MS', 2000);

// One atomic step: mark processed in the ledger, count a duplicate, ack.
const COMPLETE = `
local old = redis.call('SETBIT', KEYS[1], ARGV[1], 1)
if old == 1 then redis.call('INCR', KEYS[3]) end
local acked = redis.call('XACK', KEYS[2], ARGV[2], ARGV[3])
return {old, acked}
`;

interface Entry {
  id: string;
  message: Record<string, string> | null;
}

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: true });
  const local = { processed: 0, failed: 0, redelivered: 0, claimed: 0, duplicates: 0 };
  // eslint-disable-next-line prefer-const -- assigned once connected; the HTTP handlers read it earlier
  let client: Redis | undefined;
  // eslint-disable-next-line prefer-const -- as above
  let reader: Redis | undefined;
  let ready = false;

  const ledger = () => {
    if (!client) return Promise.reject(new Error('not connected yet'));
    return readLedger(client, ROLE, local);
  };
  const { metrics, server } = serveWorkload({
    role: ROLE,
    workload: WORKLOAD,
    faults,
    ledger,
    health: () => {
      if (!client?.isReady || !reader?.isReady) return { ok: false, reason: 'not connected to redis' };
      if (!ready) return { ok: false, reason: 'consumer group not ready' };
      return { ok: true, consumer: CONSUMER, processed: local.processed };
    },
  });

  const ac = onShutdown(ROLE, async () => {
    server.close();
    await Promise.all([client?.close().catch(() => undefined), reader?.close().catch(() => undefined)]);
  });
  const signal = ac.signal;

  client = await retry(ROLE, 'connect to redis', () => connect(ROLE), signal);
  // Blocking reads get their own connection so acks and claims are not queued behind them.
  reader = await retry(ROLE, 'connect to redis (reader)', () => connect(ROLE), signal);
  await retry(ROLE, 'create group', () => ensureGroup(client!), signal);
  ready = true;
  log(ROLE, 'consuming', { stream: STREAM, group: GROUP, consumer: CONSUMER });

  async function handle(e: Entry, redelivered: boolean): Promise<void> {
    const t0 = performance.now();
    if (redelivered) {
      metrics.redeliveries.inc();
      local.redelivered++;
    }
    if (faults.crashArmed) {
      log(ROLE, 'fault crashBetweenReadAndAck: exiting after reading, before acking', { entry: e.id, id: e.message?.id });
      process.exit(1);
    }
    if (!e.message) {
      // deleted from the stream (trimmed) while pending: nothing to process, drop it from the PEL
      await client!.xAck(STREAM, GROUP, e.id);
      return;
    }
    const id = Number(e.message.id);
    await sleep(WORK_MS + faults.latencyMs);
    if (faults.shouldFail()) {
      // Not acked: stays in the PEL and is claimed again after CLAIM_IDLE_MS.
      metrics.errors.inc({ reason: 'injected' });
      local.failed++;
      return;
    }
    if (!Number.isInteger(id) || id <= 0) {
      metrics.errors.inc({ reason: 'process' });
      log(ROLE, 'entry without a valid id field; acking it without ledger', { entry: e.id });
      await client!.xAck(STREAM, GROUP, e.id);
      return;
    }
    try {
      const [old] = (await client!.eval(COMPLETE, { keys: [PROCESSED_KEY, STREAM, DUPLICATES_KEY], arguments: [String(id), GROUP, e.id] })) as [number, number];
      if (old === 1) {
        metrics.duplicates.inc();
        local.duplicates++;
      }
      metrics.messages.inc();
      local.processed++;
      metrics.latency.observe((performance.now() - t0) / 1000);
      const ts = Number(e.message.ts);
      if (Number.isFinite(ts)) metrics.endToEnd.observe(Math.max(0, Date.now() - ts) / 1000);
    } catch (err) {
      metrics.errors.inc({ reason: 'ack' });
      log(ROLE, 'ack failed', { entry: e.id, error: errorText(err) });
    }
  }

  // Reader loop: own pending entries first (after a restart), then new ones.
  const readLoop = async () => {
    let ownCursor: string | null = '0';
    while (!signal.aborted) {
      try {
        const from: string = ownCursor ?? '>';
        const res = (await reader!.xReadGroup(GROUP, CONSUMER, { key: STREAM, id: from }, ownCursor ? { COUNT: BATCH } : { COUNT: BATCH, BLOCK: BLOCK_MS })) as Array<{ messages: Entry[] }> | null;
        const entries = res?.[0]?.messages ?? [];
        if (ownCursor !== null) {
          if (entries.length === 0) {
            ownCursor = null;
            continue;
          }
          ownCursor = entries[entries.length - 1].id;
          if (local.redelivered === 0) log(ROLE, 'finishing own pending entries from before a restart', { count: entries.length });
        }
        for (const e of entries) {
          if (signal.aborted) break;
          await handle(e, ownCursor !== null);
        }
      } catch (err) {
        if (signal.aborted) break;
        metrics.errors.inc({ reason: 'backend' });
        if (String(errorText(err)).includes('NOGROUP')) await ensureGroup(client!).catch(() => undefined);
        await sleep(500, signal);
      }
    }
  };

  // Claim loop: entries idle too long in anyone's PEL (a crashed worker's, or failed ones).
  const claimLoop = async () => {
    while (!signal.aborted) {
      await sleep(CLAIM_INTERVAL_MS, signal);
      if (!faults.autoClaim) continue;
      try {
        let cursor = '0-0';
        do {
          const r = await client!.xAutoClaim(STREAM, GROUP, CONSUMER, CLAIM_IDLE_MS, cursor, { COUNT: BATCH });
          cursor = String(r.nextId);
          const got = r.messages.filter((m): m is NonNullable<typeof m> => m !== null) as unknown as Entry[];
          for (const id of r.deletedMessages ?? []) await client!.xAck(STREAM, GROUP, String(id));
          if (got.length > 0) {
            local.claimed += got.length;
            log(ROLE, 'claimed idle pending entries', { count: got.length, first: got[0].id });
          }
          for (const e of got) {
            if (signal.aborted) return;
            await handle(e, true);
          }
        } while (cursor !== '0-0' && !signal.aborted);
      } catch (err) {
        if (signal.aborted) break;
        metrics.errors.inc({ reason: 'backend' });
        log(ROLE, 'XAUTOCLAIM failed', { error: errorText(err) });
      }
    }
  };

  const gaugeLoop = async () => {
    while (!signal.aborted) {
      try {
        const s = await groupState(client!);
        metrics.pending.set(s.pending);
        metrics.backlog.set(s.lag);
      } catch {
        // counted by the loops above
      }
      await sleep(2000, signal);
    }
  };

  await Promise.all([readLoop(), claimLoop(), gaugeLoop(), watchLeakFlag(client!, faults, ROLE, signal)]);
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
