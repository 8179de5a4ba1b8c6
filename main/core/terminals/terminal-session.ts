import type { TerminalInfo } from '../../api/schemas/terminals';
import type { AsciicastWriter } from './asciicast-writer';
import { FlowControl } from './flow-control';
import type { TerminalProcess } from './terminal-process';
import { ReplayBuffer, type Replay } from './replay-buffer';

const MAX_FRAME = 1024 * 1024;
const STREAMING_GAP_MS = 10;
const GATHER_MS = 25;

/** Where a session's output goes: one byte channel (a WebSocket, or Electron IPC) at a time. */
export interface TerminalSink {
  data(chunk: Buffer): void;
  exit(exitCode: number | null): void;
  /** A reattach's replay has been sent (as data just before): the page's output now ends at `to`. */
  replayed?(replay: Omit<Replay, 'bytes'> & { since: number }): void;
  /** Another channel attached to this session (the page came back elsewhere): this one is done. */
  replaced?(): void;
}

/**
 * One terminal: a process, its flow control, its optional recording, and the channel attached to
 * it. Output waiting for a channel is held (bounded: flow control pauses the process), and chunks
 * produced in one tick are sent as one frame. Recent output is also kept, numbered, so a channel
 * that comes back (a page reloaded) gets what it missed; a new channel replaces the old one.
 */
export class TerminalSession {
  private sink: TerminalSink | null = null;
  /** Read-only mirrors (a trainer watching): they get the frames the channel gets, and have no way in. */
  private readonly watchers = new Set<TerminalSink>();
  private held: Buffer[] = [];
  private heldBytes = 0;
  private lastFlush = 0;
  private exited: { code: number | null } | null = null;
  private readonly flow: FlowControl;
  private flushQueued = false;
  private closedListeners: (() => void)[] = [];
  private readonly replay: ReplayBuffer;
  private readonly detachedListeners: (() => void)[] = [];

  constructor(
    readonly info: TerminalInfo,
    private readonly proc: TerminalProcess,
    private readonly recorder?: AsciicastWriter,
    replayBytes?: number,
  ) {
    this.replay = new ReplayBuffer(replayBytes);
    this.flow = new FlowControl(proc);
    proc.onData((chunk) => this.output(chunk));
    proc.onExit((code) => void this.ended(code));
  }

  get exitCode(): number | null | undefined {
    return this.exited?.code;
  }

  /**
   * Frames: an echo after a quiet spell goes out on the next tick; while output streams, chunks
   * are gathered for GATHER_MS (or up to MAX_FRAME bytes). A page redraws xterm after each write it
   * gets, and in bench/terminal redrawing cost more than parsing: frames ~1.5 display frames apart
   * took about a third less of Chromium's CPU per megabyte than frames 4 ms apart.
   */
  private output(chunk: Buffer): void {
    this.recorder?.output(chunk);
    this.flow.sent(chunk.length);
    this.replay.push(chunk);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (!this.sink) return;
    if (this.heldBytes >= MAX_FRAME) return this.flush();
    if (this.flushQueued) return;
    this.flushQueued = true;
    if (performance.now() - this.lastFlush < STREAMING_GAP_MS) setTimeout(() => this.flush(), GATHER_MS);
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    if (!this.sink || this.held.length === 0) return;
    const frame = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    this.lastFlush = performance.now();
    this.sink.data(frame);
    for (const w of this.watchers) w.data(frame);
  }

  private async ended(code: number | null): Promise<void> {
    this.exited = { code };
    this.info.exitCode = code ?? undefined;
    await this.recorder?.close().catch(() => undefined);
    this.flush();
    this.sink?.exit(code);
    for (const w of this.watchers) w.exit(code);
    for (const l of this.closedListeners.splice(0)) l();
  }

  onClosed(listener: () => void): void {
    this.closedListeners.push(listener);
  }

  /** The offset after the newest output byte (what a page that saw everything would say). */
  get seq(): number {
    return this.replay.seq;
  }

  /**
   * Attaches the channel and returns its detach function. Without `since` (a first attach) held
   * output goes out at once; with it (a reattach) the output after `since` that is still kept is
   * replayed. A channel already attached is told it was replaced and hears nothing more: two pages
   * sending sizes would resize the pty back and forth.
   */
  attach(sink: TerminalSink, opts: { since?: number } = {}): () => void {
    const old = this.sink;
    this.sink = sink;
    old?.replaced?.();
    // whatever went unacked belonged to the channel that left
    this.flow.release();
    if (opts.since === undefined) this.flush();
    else {
      this.held = [];
      this.heldBytes = 0;
      const r = this.replay.after(opts.since);
      if (r.bytes.length) sink.data(r.bytes);
      sink.replayed?.({ from: r.from, to: r.to, since: opts.since });
    }
    if (this.exited) sink.exit(this.exited.code);
    return () => {
      if (this.sink !== sink) return;
      this.sink = null;
      this.flow.release();
      for (const l of this.detachedListeners) l();
    };
  }

  /** Mirrors the output from now on to a watcher; it cannot type, resize or ack. Returns the unwatch function. */
  watch(sink: TerminalSink): () => void {
    if (this.exited) sink.exit(this.exited.code);
    else this.watchers.add(sink);
    return () => void this.watchers.delete(sink);
  }

  /** Called each time the attached channel goes away (not when one is replaced). */
  onDetached(listener: () => void): void {
    this.detachedListeners.push(listener);
  }

  get attached(): boolean {
    return this.sink !== null;
  }

  input(data: Buffer | string): void {
    this.proc.write(data);
  }

  ack(bytes: number): void {
    this.flow.acked(bytes);
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.recorder?.resize(cols, rows);
    await this.proc.resize(cols, rows);
  }

  close(): void {
    this.proc.close();
  }
}
