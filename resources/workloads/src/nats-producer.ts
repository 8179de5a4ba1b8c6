// nats-jetstream producer: creates the R3 work-queue stream ORDERS (and ORDERS_LEDGER) if absent,
// retrying until the cluster has a leader, then publishes to orders.created at RATE messages/s
// (default 20) with JetStream publish acks. Payload: {id, ts, producer, item, qty}; the id is also the
// Nats-Msg-Id, so a publish retried within 2 min is stored once.
// Env: NATS_URL (nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222), STREAM (ORDERS),
// SUBJECT (orders.created), REPLICAS (3), RATE (20), METRICS_PORT (9464).
import { Faults } from './lib/faults';
import { connectJs, ensureStreams, LedgerView, readLedger, STREAM, SUBJECT, watchJetStream, type Conn } from './lib/nats';
import { serveWorkload } from './lib/server';
import { envNum, errorText, instance, log, onShutdown, paced, sleep } from './lib/runtime';

const ROLE = 'producer';
const WORKLOAD = 'nats-producer';

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: false, rate: envNum('RATE', 20) });
  const local = { produced: 0, errors: 0, duplicates: 0 };
  const view = new LedgerView();
  // eslint-disable-next-line prefer-const -- assigned once connected; the HTTP handlers above read it earlier
  let conn: Conn | undefined;
  let ready = false;
  let lastOk = 0;

  const ledger = () => (conn ? readLedger(conn, view, ROLE, local) : Promise.reject(new Error('not connected yet')));
  const { metrics, server } = serveWorkload({
    role: ROLE,
    workload: WORKLOAD,
    faults,
    ledger,
    health: () => {
      if (!conn?.connected()) return { ok: false, reason: 'not connected to nats' };
      if (!ready) return { ok: false, reason: `stream ${STREAM} not ready` };
      return { ok: true, server: conn.nc.info?.server_name, produced: local.produced, lastPublishAgoMs: lastOk ? Date.now() - lastOk : null };
    },
  });

  const ac = onShutdown(ROLE, async () => {
    server.close();
    await conn?.nc.drain().catch(() => undefined);
  });
  const signal = ac.signal;

  conn = await connectJs(ROLE, WORKLOAD, signal);
  await ensureStreams(ROLE, conn.jsm, signal);
  ready = true;
  watchJetStream(conn, metrics, signal);
  void view.run(ROLE, conn, signal);
  log(ROLE, 'producing', { stream: STREAM, subject: SUBJECT, rate: faults.rate });

  const boot = Date.now().toString(36);
  let n = 0;
  await paced(
    () => faults.rate,
    async () => {
      const t0 = performance.now();
      if (await faults.intercept(metrics.errors, signal)) {
        local.errors++;
        return;
      }
      n++;
      const id = `${instance}-${boot}-${n}`;
      const payload = { id, ts: Date.now(), producer: instance, item: `sku-${1 + Math.floor(Math.random() * 500)}`, qty: 1 + Math.floor(Math.random() * 5) };
      try {
        const ack = await conn!.js.publish(SUBJECT, JSON.stringify(payload), { msgID: id, timeout: 5000 });
        if (ack.duplicate) local.duplicates++;
        metrics.messages.inc();
        metrics.latency.observe((performance.now() - t0) / 1000);
        local.produced++;
        lastOk = Date.now();
      } catch (err) {
        metrics.errors.inc({ reason: 'publish' });
        local.errors++;
        if (local.errors % 50 === 1) log(ROLE, 'publish failed', { error: errorText(err) });
        await sleep(200, signal);
      }
    },
    signal,
  );
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
