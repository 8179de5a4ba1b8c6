import type { Server } from 'node:http';
import type { LabEvent } from '../../../api/schemas/lab-events';
import type { LabEventsRepo } from '../../labs/lab-events-repo';
import type { LabsRepo } from '../../labs/labs-repo';
import { listenReceiver } from './alert-receiver';
import type { LabWebhook } from './webhook-plan';

export interface AlertReceiversDeps {
  labs: LabsRepo;
  events: LabEventsRepo;
  onEvent: (e: LabEvent) => void;
  log?: (line: string) => void;
}

interface Listening {
  key: string;
  server: Server;
}

/**
 * The receivers of every live lab with a webhook, kept in step with the labs table: a lab started
 * here, by the CLI, or before a restart gets its receiver on the next sync. A bind that fails is
 * tried again on the next one: Podman creates a network's bridge (and so its gateway address) only
 * when the first container joins it, and another Labdeck process may hold the port (it then
 * stores the alerts in the same database).
 */
export class AlertReceivers {
  private readonly open = new Map<string, Listening>();
  private readonly failures = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private syncing?: Promise<void>;

  constructor(private readonly d: AlertReceiversDeps) {}

  /** Where a lab's receiver listens now, if it does. */
  address(labId: string): { host: string; port: number } | undefined {
    const l = this.open.get(labId);
    const a = l?.server.address();
    return a && typeof a === 'object' ? { host: a.address, port: a.port } : undefined;
  }

  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const wanted = new Map<string, LabWebhook>();
    for (const lab of this.d.labs.live()) if (lab.webhook) wanted.set(lab.id, lab.webhook);
    for (const [labId, l] of this.open) {
      const w = wanted.get(labId);
      if (!w || l.key !== keyOf(w)) await this.stop(labId);
    }
    for (const [labId, w] of wanted) {
      if (this.open.has(labId)) continue;
      try {
        const server = await listenReceiver({ labId, token: w.token, host: w.gateway, port: w.port, store: (events) => this.store(events) });
        this.open.set(labId, { key: keyOf(w), server });
        this.failures.delete(labId);
        this.d.log?.(`alerts of lab ${labId}: listening on ${w.gateway}:${w.port}`);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        if (this.failures.get(labId) !== code) this.d.log?.(`alerts of lab ${labId}: cannot listen on ${w.gateway}:${w.port} yet (${code}); trying again`);
        this.failures.set(labId, code);
      }
    }
  }

  private store(events: Parameters<LabEventsRepo['append']>[0][]): number {
    let n = 0;
    for (const e of events) {
      const saved = this.d.events.append(e);
      if (saved) {
        n++;
        this.d.onEvent(saved);
      }
    }
    return n;
  }

  private stop(labId: string): Promise<void> {
    const l = this.open.get(labId);
    this.open.delete(labId);
    if (!l) return Promise.resolve();
    l.server.closeAllConnections();
    return new Promise((r) => l.server.close(() => r()));
  }

  /** Syncs now and then every `intervalMs`, until close(). */
  start(intervalMs = 2000): void {
    void this.sync();
    this.timer = setInterval(() => void this.sync(), intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing;
    await Promise.all([...this.open.keys()].map((id) => this.stop(id)));
  }
}

const keyOf = (w: LabWebhook): string => `${w.gateway}:${w.port}:${w.token}`;
