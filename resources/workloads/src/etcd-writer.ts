// etcd-cluster writer: puts one key a tick at RATE writes/s (default 10) through etcd's v3 JSON gateway
// (POST /v3/kv/put on any member; failover to the next member on a network error, a timeout or a 5xx
// such as "etcdserver: no leader"). Keys are KEY_PREFIX + a zero-padded id (1, 2, 3, ...; sorted by
// key = sorted by id); the value is JSON {id, ts, writer}. An id is used until its put is acknowledged,
// so acknowledged ids are exactly 1..acked and a failed put is retried under the same key.
//
// Ledger (GET /ledger, workload_ledger_*): produced = the highest acknowledged id; processed = keys
// found under KEY_PREFIX by a linearizable count (every CHECK_INTERVAL_MS); missing = acknowledged and
// not found (a lost write, e.g. after restoring an old snapshot), the first 100 listed by a key scan.
// Each check also reads the last acknowledged key back and compares its value (errors{reason="readback"}).
// On start the writer resumes after the highest id already in etcd, so a restart keeps the sequence.
//
// Faults (POST /admin): latencyMs (before each put), errorRatio (puts skipped, errors{reason="injected"}),
// leakMbPerSec, crashBetweenReadAndAck (the next put is sent and the process exits before it records
// the answer), rate, reset.
// Env: ETCD_ENDPOINTS (http://etcd-1:2379,http://etcd-2:2379,http://etcd-3:2379), KEY_PREFIX
// (/labdeck/writes/), RATE (10), VALUE_BYTES (64), CHECK_INTERVAL_MS (5000), REQUEST_TIMEOUT_MS (2000),
// METRICS_PORT (9464).
import { Counter, Gauge } from 'prom-client';
import { Etcd, ETCD_ENDPOINTS } from './lib/etcd';
import { Faults } from './lib/faults';
import { createMetrics, type Ledger } from './lib/metrics';
import { cached, startServer } from './lib/server';
import { envNum, envStr, errorText, instance, log, onShutdown, paced, retry, sleep } from './lib/runtime';

const ROLE = 'writer';
const WORKLOAD = 'etcd-writer';
const PREFIX = envStr('KEY_PREFIX', '/labdeck/writes/');
const VALUE_BYTES = envNum('VALUE_BYTES', 64);
const CHECK_INTERVAL_MS = envNum('CHECK_INTERVAL_MS', 5000);
const ID_WIDTH = 10;

const keyOf = (id: number) => `${PREFIX}${String(id).padStart(ID_WIDTH, '0')}`;
const idOf = (key: string) => Number(key.slice(PREFIX.length));

interface Check {
  at: number;
  /** The highest acknowledged id when the check started. */
  expected: number;
  present: number;
  missing: number[];
  missingCount: number;
  readback: 'ok' | 'mismatch' | 'absent' | 'none';
}

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: true, rate: envNum('RATE', 10) });
  const etcd = new Etcd(ETCD_ENDPOINTS, envNum('REQUEST_TIMEOUT_MS', 2000));
  const local = { written: 0, errors: 0, injected: 0, resumedAfter: 0, readbackMismatches: 0 };
  let acked = 0; // highest acknowledged id: ids 1..acked are acknowledged
  let lastValue = ''; // the value written under keyOf(acked)
  let inFlight = 0;
  let ready = false;
  let missingScan: { at: number; ids: number[] } = { at: 0, ids: [] };

  // Acknowledged ids not found under the prefix: a keys-only scan, at most every 30 s and only when the
  // count says something is missing.
  const scanMissing = async (upTo: number): Promise<number[]> => {
    if (Date.now() - missingScan.at < 30_000) return missingScan.ids;
    const ids: number[] = [];
    let expect = 1;
    let from = keyOf(1);
    const end = keyOf(upTo + 1);
    for (;;) {
      const r = await etcd.range(from, { rangeEnd: end, keysOnly: true, limit: 5000 });
      for (const kv of r.kvs) {
        const id = idOf(kv.key);
        for (; expect < id && ids.length < 100; expect++) ids.push(expect);
        expect = id + 1;
      }
      if (!r.more || r.kvs.length === 0 || ids.length >= 100) break;
      from = `${r.kvs[r.kvs.length - 1].key}\0`;
    }
    for (; expect <= upTo && ids.length < 100; expect++) ids.push(expect);
    missingScan = { at: Date.now(), ids };
    return ids;
  };

  const check = async (): Promise<Check> => {
    const expected = acked;
    const wanted = lastValue;
    const count = await etcd.range(PREFIX, { prefix: true, countOnly: true });
    const present = count.count;
    let readback: Check['readback'] = 'none';
    if (expected > 0) {
      const r = await etcd.range(keyOf(expected));
      readback = r.kvs.length === 0 ? 'absent' : r.kvs[0].value === wanted ? 'ok' : 'mismatch';
      if (readback !== 'ok') {
        local.readbackMismatches++;
        metrics.errors.inc({ reason: 'readback' });
      }
    }
    const missingCount = Math.max(0, expected - present);
    const missing = missingCount > 0 ? await scanMissing(expected) : [];
    return { at: Date.now(), expected, present, missing, missingCount, readback };
  };
  const checkCached = cached(check, 2000);

  const ledger = async (): Promise<Ledger & { readback: Check['readback']; checkedAt: string; prefix: string; endpoint: string; raftTerm: string | undefined }> => {
    if (!ready) throw new Error('not connected to etcd yet');
    const c = await checkCached();
    return {
      role: ROLE,
      instance,
      source: `etcd keys ${PREFIX}* (linearizable count through ${etcd.endpoint})`,
      local: { ...local, acked },
      produced: c.expected,
      processed: c.present,
      duplicates: 0,
      missingCount: c.missingCount,
      missing: c.missing,
      pending: inFlight,
      backlog: 0,
      ids: `key ${PREFIX}<id padded to ${ID_WIDTH} digits>; ids 1..produced acknowledged; resumed after ${local.resumedAfter}`,
      readback: c.readback,
      checkedAt: new Date(c.at).toISOString(),
      prefix: PREFIX,
      endpoint: etcd.endpoint,
      raftTerm: etcd.lastHeader.raft_term,
    };
  };

  const metrics = createMetrics(WORKLOAD, ROLE, faults, ledger);
  const registers = [metrics.registry];
  new Gauge({ name: 'workload_etcd_raft_term', help: 'Raft term in the last etcd answer (a new term = a leader election).', registers, collect() { this.set(Number(etcd.lastHeader.raft_term ?? 0)); } });
  new Gauge({ name: 'workload_etcd_revision', help: 'Store revision in the last etcd answer.', registers, collect() { this.set(Number(etcd.lastHeader.revision ?? 0)); } });
  new Gauge({
    name: 'workload_etcd_endpoint',
    help: 'The etcd endpoint the writer talks to now (1) and the others (0).',
    labelNames: ['endpoint'],
    registers,
    collect() {
      for (const e of etcd.endpoints) this.set({ endpoint: e }, e === etcd.endpoint ? 1 : 0);
    },
  });
  let switchesSeen = 0;
  new Counter({
    name: 'workload_etcd_endpoint_switches_total',
    help: 'Requests moved to another member after a network error, a timeout or a 5xx.',
    registers,
    collect() {
      this.inc(etcd.switches - switchesSeen);
      switchesSeen = etcd.switches;
    },
  });
  new Gauge({ name: 'workload_etcd_last_success_age_seconds', help: 'Seconds since etcd last answered a request successfully.', registers, collect() { this.set(etcd.lastOkAt ? (Date.now() - etcd.lastOkAt) / 1000 : -1); } });

  const server = startServer({
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    ledger,
    health: () => {
      if (!ready) return { ok: false, reason: 'not connected to etcd yet' };
      const age = Date.now() - etcd.lastOkAt;
      if (age > 30_000) return { ok: false, reason: `etcd has not answered for ${Math.round(age / 1000)} s`, acked };
      return { ok: true, acked, endpoint: etcd.endpoint, lastSuccessAgoMs: age };
    },
  });
  const ac = onShutdown(ROLE, async () => {
    server.close();
  });

  // Resume after the highest id already written (a restarted writer keeps the sequence).
  const last = await retry(ROLE, 'read the highest key', () => etcd.range(PREFIX, { prefix: true, sort: 'DESCEND', limit: 1 }), ac.signal);
  if (last.kvs.length > 0) {
    acked = idOf(last.kvs[0].key);
    lastValue = last.kvs[0].value;
    local.resumedAfter = acked;
  }
  ready = true;
  log(ROLE, 'writing', { endpoints: etcd.endpoints, prefix: PREFIX, rate: faults.rate, resumeAfter: acked });

  void (async () => {
    while (!ac.signal.aborted) {
      await sleep(CHECK_INTERVAL_MS, ac.signal);
      try {
        const c = await checkCached();
        metrics.pending.set(inFlight);
        metrics.backlog.set(0);
        if (c.missingCount > 0 || c.readback === 'mismatch' || c.readback === 'absent') {
          log(ROLE, 'read-back check found a problem', { acked, present: c.present, missingCount: c.missingCount, firstMissing: c.missing.slice(0, 10), readback: c.readback });
        }
      } catch (err) {
        metrics.errors.inc({ reason: 'backend' });
        log(ROLE, 'read-back check failed', { error: errorText(err) });
      }
    }
  })();

  const pad = 'x'.repeat(Math.max(0, VALUE_BYTES - 60));
  await paced(
    () => faults.rate,
    async () => {
      const t0 = performance.now();
      if (await faults.intercept(metrics.errors, ac.signal)) {
        local.injected++;
        return;
      }
      const id = acked + 1;
      const value = JSON.stringify({ id, ts: Date.now(), writer: instance, pad });
      if (faults.crashArmed) {
        log(ROLE, 'fault crashBetweenReadAndAck: sending a put and exiting before its answer is recorded', { id });
        void etcd.put(keyOf(id), value).catch(() => undefined);
        await sleep(20);
        process.exit(1);
      }
      inFlight++;
      try {
        await etcd.put(keyOf(id), value);
        acked = id;
        lastValue = value;
        local.written++;
        metrics.messages.inc();
        metrics.latency.observe((performance.now() - t0) / 1000);
      } catch (err) {
        metrics.errors.inc({ reason: 'publish' });
        local.errors++;
        if (local.errors % 20 === 1) log(ROLE, 'put failed on every member', { id, error: errorText(err), errors: local.errors });
        await sleep(200, ac.signal);
      } finally {
        inFlight--;
      }
    },
    ac.signal,
  );
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
