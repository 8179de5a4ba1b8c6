import type WebSocket from 'ws';
import { LabdeckError } from '../../api/errors';
import { HubFrame } from '../../api/spoke-wire';
import type { HubAddress } from './hub-address';
import { seatSession, spokeSocket } from './hub-client';
import type { SpokeJoin, SpokeOutbox } from './spoke-outbox';
import { SpokeSender } from './spoke-sender';

export interface SpokeLinkDeps {
  hub: HubAddress;
  join: SpokeJoin;
  outbox: SpokeOutbox;
  /** The session traded for the seat's code at join. */
  token: string;
  log: (line: string) => void;
  /** How often the journal is looked at for new events (ms). */
  pollMs?: number;
  /** Unacknowledged events are sent again after this long without progress (ms). */
  resendMs?: number;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

/**
 * The spoke's one connection to its hub, kept up: reconnects with backoff after a drop, trades the
 * seat's code for a new session when the old one is refused, and stops for good (with the reason)
 * when the code itself is refused (the seat revoked, the class ended). Meanwhile the journal is
 * copied to the outbox, so events made while the network is down are numbered and sent later.
 */
export class SpokeLink {
  private readonly sender: SpokeSender;
  private socket: WebSocket | undefined;
  private stopped = false;
  private failures = 0;
  private token: string;
  private readonly timers: NodeJS.Timeout[] = [];
  private ended!: (why: LabdeckError | undefined) => void;
  /** Resolves when the link stops: undefined when asked to, or the refusal that stopped it. */
  readonly done: Promise<LabdeckError | undefined>;

  constructor(private readonly d: SpokeLinkDeps) {
    this.token = d.token;
    this.sender = new SpokeSender({ after: (n, limit) => d.outbox.after(d.join.id, n, limit) }, d.join.stream);
    this.done = new Promise((resolve) => (this.ended = resolve));
  }

  get acked(): number {
    return this.sender.acked;
  }

  start(): void {
    this.timers.push(
      setInterval(() => {
        try {
          this.d.outbox.copy(this.d.join.id);
        } catch (err) {
          this.d.log(`cannot read this machine's journal: ${(err as Error).message}`);
        }
        this.sender.pump();
      }, this.d.pollMs ?? 500),
      setInterval(() => this.sender.tick(), this.d.resendMs ?? 5000),
    );
    void this.connect();
  }

  stop(why?: LabdeckError): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.socket?.terminate();
    this.ended(why);
  }

  private retry(): void {
    if (this.stopped) return;
    const wait = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
    this.timers.push(setTimeout(() => void this.connect(), wait));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let ws: WebSocket;
    try {
      ws = await spokeSocket(this.d.hub, this.d.join.seat, this.token);
    } catch (err) {
      if (err instanceof LabdeckError && err.code === 'HUB_CERTIFICATE') return this.stop(err);
      if (this.failures === 0) this.d.log(`hub unreachable (${(err as Error).message}); trying again`);
      return this.retry();
    }
    if (this.stopped) return void ws.terminate();
    this.socket = ws;
    let refused = false;
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      refused = true;
      ws.terminate();
      if (res.statusCode === 401) return void this.renew();
      this.stop(new LabdeckError(res.statusCode === 403 ? 'FORBIDDEN' : 'HUB_UNREACHABLE', `the hub refused the spoke's connection (HTTP ${res.statusCode})`));
    });
    ws.on('open', () => {
      this.failures = 0;
      this.d.log(`connected to ${this.d.hub.origin} as seat ${this.d.join.seat}`);
      this.sender.opened((f) => ws.send(JSON.stringify(f)));
    });
    ws.on('message', (data) => {
      let f: HubFrame;
      try {
        f = HubFrame.parse(JSON.parse(String(data)));
      } catch {
        return void ws.terminate(); // a hub that answers garbage: reconnect and start again from its number
      }
      if (f.type === 'error') return this.d.log(`hub: ${f.code}: ${f.message}`);
      this.sender.received(f);
    });
    ws.on('close', (code) => {
      this.sender.closed();
      if (this.socket === ws) this.socket = undefined;
      if (this.stopped || refused) return;
      if (code === 4401) return void this.renew();
      this.d.log(`disconnected (${code}); ${this.sender.acked} event(s) acknowledged; reconnecting`);
      this.retry();
    });
  }

  /** The session was refused: trade the code again; a refused code ends the link. */
  private async renew(): Promise<void> {
    try {
      this.token = await seatSession(this.d.hub);
      this.retry();
    } catch (err) {
      if (err instanceof LabdeckError && err.code === 'UNAUTHORIZED') return this.stop(err);
      this.retry();
    }
  }
}
