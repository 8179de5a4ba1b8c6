// Redis Streams lab: keys, consumer group, and the durable ledger.
//
// Ledger (all in Redis, so it survives worker crashes and restarts; AOF is on):
//   orders:ledger:seq        INCR counter; the producer's Lua script takes the next id and XADDs the
//                            entry in one atomic step, so ids 1..seq were all added to the stream
//   orders:ledger:processed  bitmap; a worker's Lua script sets bit <id> and XACKs in one atomic
//                            step, so "processed" means "processed and acked"
//   orders:ledger:duplicates counter of ids processed again (at-least-once delivery)
import { createClient, RESP_TYPES } from 'redis';
import type { Ledger } from './metrics';
import { envNum, envStr, instance, log } from './runtime';

export const STREAM = envStr('STREAM', 'orders');
export const GROUP = envStr('GROUP', 'workers');
export const SEQ_KEY = `${STREAM}:ledger:seq`;
export const PROCESSED_KEY = `${STREAM}:ledger:processed`;
export const DUPLICATES_KEY = `${STREAM}:ledger:duplicates`;
export const REDIS_URL = envStr('REDIS_URL', 'redis://redis:6379');
/** Approximate MAXLEN for XADD; 0 keeps every entry. Trimmed entries that were never processed show as missing. */
export const STREAM_MAXLEN = envNum('STREAM_MAXLEN', 0);
/** A connection idle this long (no byte either way) is closed and reconnected. */
export const SOCKET_TIMEOUT_MS = envNum('REDIS_SOCKET_TIMEOUT_MS', 10_000);

export type Redis = ReturnType<typeof makeClient>;

function makeClient() {
  return createClient({
    url: REDIS_URL,
    RESP: 2,
    name: instance,
    disableOfflineQueue: true, // fail at once while disconnected (counted as errors) instead of queueing
    disableClientInfo: true, // CLIENT SETINFO is Redis 7.2+; older servers (7.0 in the lab image) reject it
    // socketTimeout: a connection that carries nothing for this long is dropped and made again, so a
    // client cut off by a partition (no RST, packets just vanish) reconnects once the network heals
    // instead of waiting on a dead socket (every client sends at least every 2 s: BLOCK 2000, the rate)
    socket: { connectTimeout: 5000, socketTimeout: SOCKET_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(250 * (retries + 1), 2000) },
  });
}

export async function connect(role: string): Promise<Redis> {
  const client = makeClient();
  let lastError = 0;
  client.on('error', (err: Error) => {
    // node-redis reconnects by itself; log at most every 5 s
    if (Date.now() - lastError > 5000) log(role, 'redis error', { error: err.message });
    lastError = Date.now();
  });
  client.on('ready', () => log(role, 'redis ready', { url: REDIS_URL }));
  await client.connect();
  return client;
}

/** Creates the stream and the consumer group if absent (from id 0, so nothing added earlier is skipped). */
export async function ensureGroup(client: Redis): Promise<void> {
  try {
    await client.xGroupCreate(STREAM, GROUP, '0', { MKSTREAM: true });
  } catch (err) {
    if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
  }
}

export interface GroupState {
  pending: number;
  lag: number;
  consumers: number;
}

export async function groupState(client: Redis): Promise<GroupState> {
  const groups = (await client.xInfoGroups(STREAM)) as unknown as Array<Record<string, unknown>>;
  const g = groups.find((x) => x.name === GROUP);
  if (!g) return { pending: 0, lag: 0, consumers: 0 };
  // 'lag' exists since Redis 7.0; null when Redis cannot tell (after deletions), then use stream length
  let lag = Number(g.lag);
  if (g.lag === null || g.lag === undefined || !Number.isFinite(lag)) lag = Number(await client.xLen(STREAM));
  return { pending: Number(g.pending ?? 0), lag, consumers: Number(g.consumers ?? 0) };
}

export async function readLedger(client: Redis, role: string, local: Record<string, number>): Promise<Ledger> {
  const bin = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const [seqRaw, bitmap, dupRaw] = await Promise.all([bin.get(SEQ_KEY), bin.get(PROCESSED_KEY), bin.get(DUPLICATES_KEY)]);
  const seq = seqRaw ? Number(seqRaw.toString()) : 0;
  const bits = (bitmap as Buffer | null) ?? Buffer.alloc(0);
  const missing: number[] = [];
  let missingCount = 0;
  for (let id = 1; id <= seq; id++) {
    const byte = id >> 3;
    const set = byte < bits.length && (bits[byte] & (0x80 >> (id & 7))) !== 0;
    if (!set) {
      missingCount++;
      if (missing.length < 100) missing.push(id);
    }
  }
  let state: GroupState = { pending: 0, lag: 0, consumers: 0 };
  try {
    state = await groupState(client);
  } catch {
    // no stream yet
  }
  return {
    role,
    instance,
    source: `redis ${STREAM}: counter ${SEQ_KEY}, bitmap ${PROCESSED_KEY}`,
    ids: 'integers 1..produced, taken by the producer atomically with XADD (field "id")',
    local,
    produced: seq,
    processed: seq - missingCount,
    duplicates: dupRaw ? Number(dupRaw.toString()) : 0,
    missingCount,
    missing,
    pending: state.pending,
    backlog: state.lag,
  };
}
