// NATS JetStream lab: connection, streams, consumer, the durable ledger, and JetStream gauges.
//
// Streams (both replicated, REPLICAS=3 by default; created by whichever workload gets there first):
//   ORDERS         subjects orders.>, retention workqueue (a message is deleted when acked), file storage,
//                  duplicate window 2 min (publishes carry Nats-Msg-Id)
//   ORDERS_LEDGER  subjects ledger.orders.>, retention limits (24 h): one record per processed message,
//                  published by the worker (Nats-Msg-Id p-<seq>, so a retry is deduplicated) BEFORE it acks
// Consumer: durable pull consumer `workers` on ORDERS, explicit ack, max_deliver 5, ack_wait 10 s.
// Ledger ids are ORDERS stream sequences: every sequence 1..last_seq was one published order, and a
// sequence is processed when ORDERS_LEDGER has a record for it.
//
// nats-server 2.9 has no Prometheus endpoint and no exporter image is available, so the workloads
// export the JetStream numbers themselves (jetstream_* gauges below) from stream and consumer info.
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  Events,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerInfo,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type StreamConfig,
  type StreamInfo,
} from 'nats';
import { Gauge } from 'prom-client';
import type { Ledger, WorkloadMetrics } from './metrics';
import { envNum, envStr, errorText, instance, log, retry, sleep } from './runtime';

export const NATS_URL = envStr('NATS_URL', 'nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222');
export const STREAM = envStr('STREAM', 'ORDERS');
export const SUBJECT = envStr('SUBJECT', 'orders.created');
export const LEDGER_STREAM = `${STREAM}_LEDGER`;
export const LEDGER_SUBJECT = `ledger.${STREAM.toLowerCase()}.processed`;
export const DURABLE = envStr('DURABLE', 'workers');
export const REPLICAS = envNum('REPLICAS', 3);
export const MAX_DELIVER = envNum('MAX_DELIVER', 5);
export const ACK_WAIT_MS = envNum('ACK_WAIT_MS', 10_000);

export interface Conn {
  nc: NatsConnection;
  jsm: JetStreamManager;
  js: JetStreamClient;
  connected: () => boolean;
}

export async function connectJs(role: string, workload: string, signal: AbortSignal): Promise<Conn> {
  const servers = NATS_URL.split(',').map((s) => s.trim()).filter(Boolean);
  const nc = await retry(role, 'connect to nats', () => connect({ servers, name: `${workload}-${instance}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000, pingInterval: 5000, maxPingOut: 2, timeout: 5000 }), signal);
  let connected = true;
  log(role, 'nats connected', { server: nc.info?.server_name });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === Events.Disconnect) connected = false;
      if (s.type === Events.Reconnect) {
        connected = true;
        log(role, 'nats reconnected', { server: nc.info?.server_name });
      }
      if (s.type === Events.Disconnect) log(role, 'nats disconnected', { server: String(s.data) });
    }
  })();
  // JetStream answers only once the cluster has a meta leader: retry until it does.
  const jsm = await retry(role, 'reach JetStream (waiting for a meta leader)', () => nc.jetstreamManager({ timeout: 5000 }), signal);
  const js = nc.jetstream({ timeout: 5000 });
  return { nc, jsm, js, connected: () => connected && !nc.isClosed() };
}

function isNotFound(err: unknown): boolean {
  const e = err as { api_error?: { err_code?: number; code?: number }; message?: string };
  return e?.api_error?.code === 404 || /not found/i.test(String(e?.message));
}

async function ensureStream(jsm: JetStreamManager, cfg: Partial<StreamConfig> & { name: string }): Promise<StreamInfo> {
  try {
    return await jsm.streams.info(cfg.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    return await jsm.streams.add(cfg);
  } catch (err) {
    // another workload created it meanwhile
    if (/already in use/i.test(errorText(err))) return jsm.streams.info(cfg.name);
    throw err;
  }
}

/** Creates ORDERS and ORDERS_LEDGER if absent. Retries until the cluster can place R3 streams. */
export async function ensureStreams(role: string, jsm: JetStreamManager, signal: AbortSignal): Promise<void> {
  await retry(role, `create stream ${STREAM} (R${REPLICAS})`, () =>
    ensureStream(jsm, {
      name: STREAM,
      subjects: [`${STREAM.toLowerCase()}.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: REPLICAS,
      duplicate_window: nanos(120_000),
    }), signal, 2000);
  await retry(role, `create stream ${LEDGER_STREAM} (R${REPLICAS})`, () =>
    ensureStream(jsm, {
      name: LEDGER_STREAM,
      subjects: [`ledger.${STREAM.toLowerCase()}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: REPLICAS,
      max_age: nanos(24 * 3600 * 1000),
      duplicate_window: nanos(120_000),
    }), signal, 2000);
}

/** Creates the durable pull consumer `workers` if absent. */
export async function ensureConsumer(role: string, jsm: JetStreamManager, signal: AbortSignal): Promise<ConsumerInfo> {
  return retry(role, `create consumer ${DURABLE}`, async () => {
    try {
      return await jsm.consumers.info(STREAM, DURABLE);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return jsm.consumers.add(STREAM, {
      durable_name: DURABLE,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_deliver: MAX_DELIVER,
      ack_wait: nanos(ACK_WAIT_MS),
      max_ack_pending: 1000,
    });
  }, signal, 2000);
}

/**
 * Keeps an in-memory copy of the ledger stream's processed sequences. It reads ORDERS_LEDGER through
 * its own ephemeral pull consumer (R1, memory, no acks), starting after the last record it has, and
 * recreates that consumer when it fails or stalls while the stream grows (its server died). nats.js's
 * ordered consumer does the same but backs off 5-30 s per attempt; this recovers in ~5-15 s.
 * Only this view lags during a failover: the workers' processing does not depend on it.
 */
export class LedgerView {
  readonly processed = new Set<number>();
  duplicates = 0;
  /** Last ledger stream sequence read. */
  records = 0;
  restarts = 0;

  async run(role: string, conn: Conn, signal: AbortSignal): Promise<void> {
    // Short API timeout: the server places an R1 consumer on any stream peer, including one that just
    // died and is still listed; such a create times out, and the next try lands elsewhere.
    const jsm = await conn.nc.jetstreamManager({ timeout: 2000, checkAPI: false });
    while (!signal.aborted) {
      let name: string | undefined;
      try {
        const ci = await jsm.consumers.add(LEDGER_STREAM, {
          ack_policy: AckPolicy.None,
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: this.records + 1,
          mem_storage: true,
          num_replicas: 1,
          inactive_threshold: nanos(30_000),
        });
        name = ci.name;
        const consumer = await conn.js.consumers.get(LEDGER_STREAM, name);
        let idle = 0;
        while (!signal.aborted) {
          const batch = await consumer.fetch({ max_messages: 1000, expires: 2000 });
          let got = 0;
          for await (const m of batch) {
            got++;
            if (m.info.streamSequence <= this.records) continue;
            this.records = m.info.streamSequence;
            try {
              const rec = m.json<{ seq: number }>();
              if (this.processed.has(rec.seq)) this.duplicates++;
              else this.processed.add(rec.seq);
            } catch {
              // not a ledger record
            }
          }
          if (got > 0) {
            idle = 0;
            continue;
          }
          const si = await jsm.streams.info(LEDGER_STREAM);
          idle = si.state.last_seq > this.records ? idle + 1 : 0;
          if (idle >= 2) throw new Error(`stalled at ${this.records} while ${LEDGER_STREAM} has ${si.state.last_seq}`);
        }
      } catch (err) {
        if (signal.aborted) return;
        this.restarts++;
        log(role, 'ledger view restarting', { from: this.records + 1, error: errorText(err) });
        await sleep(500, signal);
      } finally {
        if (name) void jsm.consumers.delete(LEDGER_STREAM, name).catch(() => undefined);
      }
    }
  }
}

export interface JsState {
  stream?: StreamInfo;
  consumer?: ConsumerInfo;
  streamAt: number;
  consumerAt: number;
}

/** Info older than this is not exported, so that absent() alerts see a stream without a leader. */
const STALE_MS = 10_000;

/** Polls stream and consumer info every 2 s; exports jetstream_* gauges. */
/** Polls stream and consumer info every 2 s: JetStream gauges, and the workload's pending (ack-pending) and backlog. */
export function watchJetStream(conn: Conn, metrics: Pick<WorkloadMetrics, 'registry' | 'pending' | 'backlog'>, signal: AbortSignal): JsState {
  const registry = metrics.registry;
  const state: JsState = { streamAt: 0, consumerAt: 0 };
  void (async () => {
    while (!signal.aborted) {
      const [s, c] = await Promise.allSettled([conn.jsm.streams.info(STREAM), conn.jsm.consumers.info(STREAM, DURABLE)]);
      if (s.status === 'fulfilled') {
        state.stream = s.value;
        state.streamAt = Date.now();
      }
      if (c.status === 'fulfilled') {
        state.consumer = c.value;
        state.consumerAt = Date.now();
        metrics.pending.set(c.value.num_ack_pending);
        metrics.backlog.set(c.value.num_pending);
      }
      await sleep(2000, signal);
    }
  })();
  const fresh = (): JsState => ({
    streamAt: state.streamAt,
    consumerAt: state.consumerAt,
    stream: Date.now() - state.streamAt < STALE_MS ? state.stream : undefined,
    consumer: Date.now() - state.consumerAt < STALE_MS ? state.consumer : undefined,
  });
  const registers = [registry];
  const g = (name: string, help: string, value: (st: JsState) => number | undefined, labelNames: string[] = ['stream']) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        const v = value(fresh());
        if (v === undefined) return;
        this.set(labelNames.includes('consumer') ? { stream: STREAM, consumer: DURABLE } : { stream: STREAM }, v);
      },
    });
  g('jetstream_stream_messages', 'Messages in the stream (workqueue: not yet acked).', (st) => st.stream?.state.messages);
  g('jetstream_stream_bytes', 'Bytes in the stream.', (st) => st.stream?.state.bytes);
  g('jetstream_stream_first_seq', 'First sequence in the stream.', (st) => st.stream?.state.first_seq);
  g('jetstream_stream_last_seq', 'Last sequence in the stream (= messages ever stored).', (st) => st.stream?.state.last_seq);
  g('jetstream_stream_consumers', 'Consumers on the stream.', (st) => st.stream?.state.consumer_count);
  g('jetstream_stream_replicas', 'Configured replicas.', (st) => st.stream?.config.num_replicas);
  g('jetstream_stream_replicas_current', 'Replicas (leader included) that are current.', (st) => {
    if (!st.stream?.cluster) return undefined;
    const followers = (st.stream.cluster.replicas ?? []).filter((r) => r.current && !r.offline).length;
    return (st.stream.cluster.leader ? 1 : 0) + followers;
  });
  g('jetstream_consumer_num_pending', 'Messages not yet delivered to the consumer.', (st) => st.consumer?.num_pending, ['stream', 'consumer']);
  g('jetstream_consumer_num_ack_pending', 'Messages delivered and not acked.', (st) => st.consumer?.num_ack_pending, ['stream', 'consumer']);
  g('jetstream_consumer_num_redelivered', 'Messages delivered more than once and not yet acked.', (st) => st.consumer?.num_redelivered, ['stream', 'consumer']);
  g('jetstream_consumer_num_waiting', 'Pull requests waiting.', (st) => st.consumer?.num_waiting, ['stream', 'consumer']);
  g('jetstream_consumer_delivered_stream_seq', 'Last stream sequence delivered.', (st) => st.consumer?.delivered.stream_seq, ['stream', 'consumer']);
  g('jetstream_consumer_ack_floor_stream_seq', 'Stream sequence up to which all messages are acked.', (st) => st.consumer?.ack_floor.stream_seq, ['stream', 'consumer']);
  new Gauge({
    name: 'jetstream_stream_leader',
    help: '1 for the server that leads the stream RAFT group.',
    labelNames: ['stream', 'server'],
    registers,
    collect() {
      this.reset();
      const leader = fresh().stream?.cluster?.leader;
      if (leader) this.set({ stream: STREAM, server: leader }, 1);
    },
  });
  new Gauge({
    name: 'nats_client_connected',
    help: '1 while connected; the server label is the server this client is connected to.',
    labelNames: ['server'],
    registers,
    collect() {
      this.reset();
      this.set({ server: conn.nc.info?.server_name ?? '' }, conn.connected() ? 1 : 0);
    },
  });
  return state;
}

export async function readLedger(conn: Conn, view: LedgerView, role: string, local: Record<string, number>): Promise<Ledger> {
  const [si, ci] = await Promise.all([conn.jsm.streams.info(STREAM), conn.jsm.consumers.info(STREAM, DURABLE).catch(() => undefined)]);
  const last = si.state.last_seq;
  const missing: number[] = [];
  let missingCount = 0;
  for (let seq = 1; seq <= last; seq++) {
    if (!view.processed.has(seq)) {
      missingCount++;
      if (missing.length < 100) missing.push(seq);
    }
  }
  return {
    role,
    instance,
    source: `nats: ${STREAM} last_seq, ${LEDGER_STREAM} records (${view.records} read, view restarts ${view.restarts})`,
    ids: `${STREAM} stream sequences 1..produced (the payload also has a producer id)`,
    local,
    produced: last,
    processed: last - missingCount,
    duplicates: view.duplicates,
    missingCount,
    missing,
    pending: ci?.num_ack_pending ?? 0,
    backlog: ci?.num_pending ?? 0,
  };
}
