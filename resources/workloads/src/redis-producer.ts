// redis-streams producer: XADD to the stream `orders` at RATE messages/s (default 20). Each entry has
// fields id (ledger id, 1, 2, 3, ...), ts (ms since epoch), producer (hostname) and body (JSON).
// Env: REDIS_URL (redis://redis:6379), STREAM (orders), GROUP (workers), RATE (20), STREAM_MAXLEN (0 =
// unbounded; POST /admin {"maxLen":10000} changes it at run time: XADD ... MAXLEN ~ 10000), METRICS_PORT (9464).
import { Faults } from './lib/faults';
import { connect, ensureGroup, readLedger, SEQ_KEY, STREAM, STREAM_MAXLEN, type Redis } from './lib/redis';
import { serveWorkload } from './lib/server';
import { envNum, errorText, instance, log, onShutdown, paced, retry, sleep } from './lib/runtime';

const ROLE = 'producer';
const WORKLOAD = 'redis-producer';

// One atomic step: take the next ledger id and add the entry carrying it.
const PRODUCE = `
local id = redis.call('INCR', KEYS[2])
local entry
if tonumber(ARGV[4]) > 0 then
  entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'id', id, 'ts', ARGV[1], 'producer', ARGV[2], 'body', ARGV[3])
else
  entry = redis.call('XADD', KEYS[1], '*', 'id', id, 'ts', ARGV[1], 'producer', ARGV[2], 'body', ARGV[3])
end
return {id, entry}
`;

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: false, rate: envNum('RATE', 20), maxLen: STREAM_MAXLEN });
  const local = { produced: 0, errors: 0 };
  // eslint-disable-next-line prefer-const -- assigned once connected; the HTTP handlers read it earlier
  let client: Redis | undefined;
  let ready = false;
  let lastOk = 0;

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
      if (!client?.isReady) return { ok: false, reason: 'not connected to redis' };
      if (!ready) return { ok: false, reason: 'stream and group not created yet' };
      return { ok: true, produced: local.produced, lastPublishAgoMs: lastOk ? Date.now() - lastOk : null };
    },
  });

  const ac = onShutdown(ROLE, async () => {
    server.close();
    await client?.close().catch(() => undefined);
  });

  client = await retry(ROLE, 'connect to redis', () => connect(ROLE), ac.signal);
  await retry(ROLE, 'create stream and group', () => ensureGroup(client!), ac.signal);
  ready = true;
  log(ROLE, 'producing', { stream: STREAM, rate: faults.rate });

  // Pending/backlog gauges (the group's view; the worker exports the same).
  const refresh = async () => {
    while (!ac.signal.aborted) {
      try {
        const l = await ledger();
        metrics.pending.set(l.pending);
        metrics.backlog.set(l.backlog);
      } catch {
        // reported by /healthz and errors
      }
      await sleep(2000, ac.signal);
    }
  };
  void refresh();

  let n = 0;
  await paced(
    () => faults.rate,
    async () => {
      const t0 = performance.now();
      if (await faults.intercept(metrics.errors, ac.signal)) {
        local.errors++;
        return;
      }
      n++;
      const body = JSON.stringify({ order: `${instance}-${n}`, item: `sku-${1 + Math.floor(Math.random() * 500)}`, qty: 1 + Math.floor(Math.random() * 5) });
      try {
        await client!.eval(PRODUCE, { keys: [STREAM, SEQ_KEY], arguments: [String(Date.now()), instance, body, String(faults.maxLen)] });
        metrics.messages.inc();
        metrics.latency.observe((performance.now() - t0) / 1000);
        local.produced++;
        lastOk = Date.now();
      } catch (err) {
        metrics.errors.inc({ reason: 'publish' });
        local.errors++;
        if (local.errors % 50 === 1) log(ROLE, 'XADD failed', { error: errorText(err) });
        await sleep(200, ac.signal);
      }
    },
    ac.signal,
  );
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
