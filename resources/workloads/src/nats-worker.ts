// nats-jetstream worker: pulls from the durable consumer `workers` (explicit ack, max_deliver 5,
// ack_wait 10 s; created if absent), processes, writes a ledger record to ORDERS_LEDGER (publish
// ack awaited), then acks with ackAck. A failed message is nak'ed and redelivered (up to max_deliver);
// one read but never acked (crash) is redelivered by JetStream to any worker after ack_wait.
// Env: NATS_URL, STREAM (ORDERS), DURABLE (workers), MAX_DELIVER (5), ACK_WAIT_MS (10000),
// BATCH (10), WORK_MS (2), METRICS_PORT (9464).
import { Faults } from './lib/faults';
import { connectJs, DURABLE, ensureConsumer, ensureStreams, LEDGER_SUBJECT, LedgerView, MAX_DELIVER, readLedger, STREAM, watchJetStream, type Conn } from './lib/nats';
import { serveWorkload } from './lib/server';
import { envNum, errorText, instance, log, onShutdown, sleep } from './lib/runtime';
import type { JsMsg } from 'nats';

const ROLE = 'worker';
const WORKLOAD = 'nats-worker';
const BATCH = envNum('BATCH', 10);
const WORK_MS = envNum('WORK_MS', 2);

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: true });
  const local = { processed: 0, failed: 0, redelivered: 0, exhausted: 0, duplicates: 0 };
  const view = new LedgerView();
  // eslint-disable-next-line prefer-const -- assigned once connected; the HTTP handlers above read it earlier
  let conn: Conn | undefined;
  let ready = false;

  const ledger = () => (conn ? readLedger(conn, view, ROLE, local) : Promise.reject(new Error('not connected yet')));
  const { metrics, server } = serveWorkload({
    role: ROLE,
    workload: WORKLOAD,
    faults,
    ledger,
    health: () => {
      if (!conn?.connected()) return { ok: false, reason: 'not connected to nats' };
      if (!ready) return { ok: false, reason: `consumer ${DURABLE} on ${STREAM} not ready` };
      return { ok: true, server: conn.nc.info?.server_name, processed: local.processed };
    },
  });

  const ac = onShutdown(ROLE, async () => {
    server.close();
    await conn?.nc.drain().catch(() => undefined);
  });
  const signal = ac.signal;

  conn = await connectJs(ROLE, WORKLOAD, signal);
  await ensureStreams(ROLE, conn.jsm, signal);
  await ensureConsumer(ROLE, conn.jsm, signal);
  ready = true;
  watchJetStream(conn, metrics, signal);
  void view.run(ROLE, conn, signal);
  log(ROLE, 'consuming', { stream: STREAM, consumer: DURABLE });

  async function handle(m: JsMsg): Promise<void> {
    const t0 = performance.now();
    const deliveries = m.info.redeliveryCount; // 1 on the first delivery
    if (deliveries > 1) {
      metrics.redeliveries.inc();
      local.redelivered++;
    }
    if (faults.crashArmed) {
      log(ROLE, 'fault crashBetweenReadAndAck: exiting after reading, before acking', { seq: m.seq });
      process.exit(1);
    }
    let payload: { id?: string; ts?: number } = {};
    try {
      payload = m.json();
    } catch {
      metrics.errors.inc({ reason: 'process' });
    }
    await sleep(WORK_MS + faults.latencyMs);
    if (faults.shouldFail()) {
      metrics.errors.inc({ reason: 'injected' });
      local.failed++;
      if (deliveries >= MAX_DELIVER) {
        // JetStream will not deliver it again: it stays in ORDERS and shows in the ledger as missing
        local.exhausted++;
        log(ROLE, 'message failed on its last delivery (max_deliver reached)', { seq: m.seq, deliveries });
      }
      m.nak();
      return;
    }
    try {
      await conn!.js.publish(LEDGER_SUBJECT, JSON.stringify({ seq: m.seq, id: payload.id, worker: instance, deliveries }), { msgID: `p-${m.seq}`, timeout: 5000 });
    } catch (err) {
      // no ack: JetStream redelivers after ack_wait
      metrics.errors.inc({ reason: 'backend' });
      log(ROLE, 'ledger publish failed; leaving the message unacked', { seq: m.seq, error: errorText(err) });
      return;
    }
    try {
      await m.ackAck({ timeout: 5000 });
      metrics.messages.inc();
      local.processed++;
      metrics.latency.observe((performance.now() - t0) / 1000);
      if (typeof payload.ts === 'number') metrics.endToEnd.observe(Math.max(0, Date.now() - payload.ts) / 1000);
    } catch (err) {
      metrics.errors.inc({ reason: 'ack' });
      log(ROLE, 'ack not confirmed', { seq: m.seq, error: errorText(err) });
    }
  }

  const consumer = await conn.js.consumers.get(STREAM, DURABLE);
  while (!signal.aborted) {
    try {
      const batch = await consumer.fetch({ max_messages: BATCH, expires: 2000 });
      for await (const m of batch) {
        if (signal.aborted) break;
        await handle(m);
      }
    } catch (err) {
      if (signal.aborted) break;
      metrics.errors.inc({ reason: 'backend' });
      log(ROLE, 'fetch failed', { error: errorText(err) });
      await sleep(1000, signal);
    }
  }
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
