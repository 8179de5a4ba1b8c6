// Prometheus metrics every workload exports on /metrics (prom-client), plus default process metrics.
// Names are shared by both labs so that one dashboard fits both:
//   workload_messages_total          producer: messages published and confirmed; worker: messages processed and acked
//   workload_errors_total{reason}    failures: injected (the errorRatio fault), publish, process, ack, backend
//   workload_latency_seconds         producer: publish round trip; worker: handling time incl. injected latency
//   workload_end_to_end_seconds      worker: from the producer's timestamp to the ack
//   workload_redeliveries_total      worker: messages it got again (claimed from the PEL / redelivered by JetStream)
//   workload_duplicates_total        worker: messages processed that the ledger already had as processed
//   workload_pending_messages        delivered to a consumer, not yet acked (Redis group PEL / JetStream num_ack_pending)
//   workload_backlog_messages        not yet delivered to any consumer (Redis group lag / JetStream num_pending)
//   workload_ledger_{produced,processed,missing}  the durable ledger (see /ledger)
//   workload_fault_*                 the faults currently set through /admin, and workload_leaked_bytes
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Faults } from './faults';
import { instance } from './runtime';

export interface Ledger {
  role: string;
  instance: string;
  /** Where the durable ledger lives. */
  source: string;
  /** What this process did since it started. */
  local: Record<string, number>;
  /** Ids produced (all producers, durable). */
  produced: number;
  /** Distinct ids processed and acked (all workers, durable). */
  processed: number;
  /** Ids processed more than once (at-least-once delivery). */
  duplicates: number;
  /** produced - processed: ids produced and never processed (includes messages still in flight). */
  missingCount: number;
  /** The first 100 missing ids. */
  missing: number[];
  /** Messages delivered to a consumer and not acked yet. */
  pending: number;
  /** Messages not delivered to any consumer yet. */
  backlog: number;
  /** How ids are numbered. */
  ids: string;
}

export interface WorkloadMetrics {
  registry: Registry;
  messages: Counter;
  errors: Counter<'reason'>;
  latency: Histogram;
  endToEnd: Histogram;
  redeliveries: Counter;
  duplicates: Counter;
  pending: Gauge;
  backlog: Gauge;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The shared workload metrics. `ledger` feeds workload_ledger_{produced,processed,missing}; workloads
 * without a produced/processed ledger (HTTP apps, load generators, webhook sinks) pass none and those
 * three gauges are not registered. workload_rate_per_second is exported when the faults carry a rate.
 */
export function createMetrics(workload: string, role: string, faults: Faults, ledger?: () => Promise<Ledger>): WorkloadMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ workload, role });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const m: WorkloadMetrics = {
    registry,
    messages: new Counter({ name: 'workload_messages_total', help: 'Messages published and confirmed (producer) or processed and acked (worker).', registers }),
    errors: new Counter({ name: 'workload_errors_total', help: 'Failed messages by reason (injected = the errorRatio fault).', labelNames: ['reason'], registers }),
    latency: new Histogram({ name: 'workload_latency_seconds', help: 'Producer: publish round trip. Worker: handling time of one message, injected latency included.', buckets: LATENCY_BUCKETS, registers }),
    endToEnd: new Histogram({ name: 'workload_end_to_end_seconds', help: "Worker: from the producer's timestamp to the ack.", buckets: [...LATENCY_BUCKETS, 60, 120, 300], registers }),
    redeliveries: new Counter({ name: 'workload_redeliveries_total', help: 'Worker: messages received again (claimed from the pending list or redelivered).', registers }),
    duplicates: new Counter({ name: 'workload_duplicates_total', help: 'Worker: messages processed that the ledger already had as processed.', registers }),
    pending: new Gauge({ name: 'workload_pending_messages', help: 'Delivered to a consumer and not acked yet (Redis group PEL size / JetStream num_ack_pending).', registers }),
    backlog: new Gauge({ name: 'workload_backlog_messages', help: 'Not yet delivered to any consumer (Redis group lag / JetStream num_pending).', registers }),
  };
  for (const reason of ['injected', 'publish', 'process', 'ack', 'backend']) m.errors.inc({ reason }, 0);

  new Gauge({ name: 'workload_info', help: 'Always 1; labels say which workload and instance this is.', labelNames: ['instance_name'], registers, collect() { this.set({ instance_name: instance }, 1); } });
  new Gauge({ name: 'workload_fault_latency_ms', help: 'Injected latency per message, ms.', registers, collect() { this.set(faults.get().latencyMs); } });
  new Gauge({ name: 'workload_fault_error_ratio', help: 'Injected share of failing messages, 0..1.', registers, collect() { this.set(faults.get().errorRatio); } });
  new Gauge({ name: 'workload_fault_leak_mb_per_sec', help: 'Injected memory leak rate, MiB/s.', registers, collect() { this.set(faults.get().leakMbPerSec); } });
  new Gauge({ name: 'workload_fault_crash_armed', help: '1 when crashBetweenReadAndAck is set.', registers, collect() { this.set(faults.get().crashBetweenReadAndAck ? 1 : 0); } });
  new Gauge({ name: 'workload_leaked_bytes', help: 'Bytes held by the injected memory leak.', registers, collect() { this.set(faults.get().leakedBytes); } });
  if (role === 'producer' || faults.get().rate !== undefined) {
    new Gauge({ name: 'workload_rate_per_second', help: 'Producer target rate, messages per second.', registers, collect() { this.set(faults.get().rate ?? 0); } });
  }

  if (!ledger) return m;
  // Each gauge reads the (cached, shared) ledger itself: prom-client collects metrics concurrently.
  // A backend that does not answer within 1 s leaves the last values, so /metrics never hangs past
  // Prometheus' scrape timeout (which would turn `up` to 0 for a workload that is alive).
  const ledgerQuick = () => withTimeout(ledger(), 1000);
  const fromLedger = (name: string, help: string, pick: (l: Ledger) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        try {
          this.set(pick(await ledgerQuick()));
        } catch {
          // backend down: keep the last value; workload_errors_total{reason="backend"} tells
        }
      },
    });
  fromLedger('workload_ledger_produced', 'Ledger: ids produced (all producers).', (l) => l.produced);
  fromLedger('workload_ledger_processed', 'Ledger: distinct ids processed and acked (all workers).', (l) => l.processed);
  fromLedger('workload_ledger_missing', 'Ledger: ids produced and not processed (in flight or lost).', (l) => l.missingCount);
  return m;
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (err) => {
        clearTimeout(t);
        reject(err);
      },
    );
  });
}
