// A small etcd v3 client over the gRPC-gateway JSON API every etcd member serves on its client port
// (etcd 3.4: POST /v3/kv/put, /v3/kv/range, /v3/maintenance/status; keys and values base64, int64 as
// strings). No dependency; Node's fetch. Endpoint failover: requests go to the current endpoint; a
// network error or timeout moves to the next one (a stopped member's name no longer resolves, a paused
// one times out), so a writer keeps going while a quorum is left.
import { envStr } from './runtime';

export const ETCD_ENDPOINTS = envStr('ETCD_ENDPOINTS', 'http://etcd-1:2379,http://etcd-2:2379,http://etcd-3:2379')
  .split(',')
  .map((s) => s.trim().replace(/\/+$/, ''))
  .filter(Boolean);

export interface EtcdHeader {
  cluster_id?: string;
  member_id?: string;
  revision?: string;
  raft_term?: string;
}

export interface KeyValue {
  key: string;
  value: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
}

export interface RangeOptions {
  /** Every key with this prefix (sets range_end). */
  prefix?: boolean;
  /** Keys from `key` up to, not including, `rangeEnd`. */
  rangeEnd?: string;
  limit?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
  sort?: 'ASCEND' | 'DESCEND';
  /** false (default): linearizable read through the leader; true: this member's local copy. */
  serializable?: boolean;
}

export interface RangeResult {
  header: EtcdHeader;
  kvs: KeyValue[];
  count: number;
  more: boolean;
}

/** An error etcd answered (HTTP status != 200 or an `error` body): the cluster was reached. */
export class EtcdError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly endpoint: string,
  ) {
    super(message);
  }
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');

/** The smallest key greater than every key with this prefix (etcd's `--prefix`). */
export function prefixEnd(prefix: string): string {
  const b = Buffer.from(prefix, 'utf8');
  for (let i = b.length - 1; i >= 0; i--) {
    if (b[i] < 0xff) {
      const end = Buffer.from(b.subarray(0, i + 1));
      end[i] += 1;
      return end.toString('latin1');
    }
  }
  return '\0';
}

export class Etcd {
  private current = 0;
  /** Calls that moved to another endpoint after a network error or timeout. */
  switches = 0;
  lastHeader: EtcdHeader = {};
  lastOkAt = 0;

  constructor(
    readonly endpoints: string[] = ETCD_ENDPOINTS,
    private readonly timeoutMs = 2000,
  ) {
    if (endpoints.length === 0) throw new Error('ETCD_ENDPOINTS is empty');
  }

  get endpoint(): string {
    return this.endpoints[this.current];
  }

  /** POSTs JSON to one gateway path, trying each endpoint once (starting at the current one). */
  async call<T>(path: string, body: unknown): Promise<T> {
    let lastErr: unknown;
    for (let i = 0; i < this.endpoints.length; i++) {
      const endpoint = this.endpoint;
      let res: Response;
      try {
        res = await fetch(`${endpoint}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        lastErr = new Error(`${endpoint}: ${describe(err)}`);
        this.current = (this.current + 1) % this.endpoints.length;
        this.switches++;
        continue;
      }
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        // not JSON: reported below
      }
      if (res.status !== 200 || json.error !== undefined) {
        const msg = typeof json.error === 'string' ? json.error : typeof json.message === 'string' ? json.message : text.slice(0, 200);
        // 5xx ("etcdserver: no leader", "request timed out" on a member cut off from the others) and
        // 408/429 (the gateway of a member shutting down: "the client connection is closing"): another
        // member may do better. A put retried elsewhere may have been applied already (ambiguous).
        if (res.status >= 500 || res.status === 408 || res.status === 429) {
          lastErr = new EtcdError(`${endpoint}: HTTP ${res.status}: ${msg}`, res.status, endpoint);
          this.current = (this.current + 1) % this.endpoints.length;
          this.switches++;
          continue;
        }
        throw new EtcdError(`${endpoint}: HTTP ${res.status}: ${msg}`, res.status, endpoint);
      }
      if (json.header) this.lastHeader = json.header as EtcdHeader;
      this.lastOkAt = Date.now();
      return json as T;
    }
    throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
  }

  async put(key: string, value: string): Promise<EtcdHeader> {
    const r = await this.call<{ header: EtcdHeader }>('/v3/kv/put', { key: b64(key), value: b64(value) });
    return r.header;
  }

  async range(key: string, o: RangeOptions = {}): Promise<RangeResult> {
    const body: Record<string, unknown> = { key: b64(key) };
    const end = o.prefix ? prefixEnd(key) : o.rangeEnd;
    if (end !== undefined) body.range_end = Buffer.from(end, 'latin1').toString('base64');
    if (o.limit) body.limit = String(o.limit);
    if (o.countOnly) body.count_only = true;
    if (o.keysOnly) body.keys_only = true;
    if (o.sort) {
      body.sort_order = o.sort;
      body.sort_target = 'KEY';
    }
    if (o.serializable) body.serializable = true;
    const r = await this.call<{ header: EtcdHeader; kvs?: KeyValue[]; count?: string; more?: boolean }>('/v3/kv/range', body);
    return {
      header: r.header,
      kvs: (r.kvs ?? []).map((kv) => ({ ...kv, key: unb64(kv.key), value: unb64(kv.value) })),
      count: Number(r.count ?? 0),
      more: r.more === true,
    };
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    if (err.name === 'TimeoutError') return 'timed out';
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}
