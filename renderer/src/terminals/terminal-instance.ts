import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { TerminalTarget } from '../../../main/api/schemas/terminals';
import { FLOW } from '../../../main/api/terminal-wire';
import { api } from '../state/client';
import { openByteChannel, type ByteChannel } from './byte-channel';
import { screenLines } from './screen-lines';
import { TerminalRenderer } from './webgl-renderer';

export type TerminalState = 'connecting' | 'open' | 'reconnecting' | 'exited' | 'failed';

export interface TerminalStatus {
  state: TerminalState;
  exitCode?: number | null;
  message?: string;
  sessionId?: string;
}

const encoder = new TextEncoder();

/**
 * One terminal tab: an xterm with fit, search, web-links and unicode11 (and WebGL while visible:
 * webgl-renderer.ts), joined to a shell in core.
 * It outlives the page that shows it (its element is moved into whichever pane shows it). Output
 * is acked once written, for core's flow control; when the transport drops without the shell
 * having exited (a network blip, a page reload), it reattaches to the same shell, which core keeps
 * for a grace period; only when that shell is gone does it open a new one, and say so.
 */
export class TerminalInstance {
  readonly element = document.createElement('div');
  readonly term: Terminal;
  readonly fit = new FitAddon();
  readonly search = new SearchAddon();
  private channel: ByteChannel | null = null;
  private readonly renderer: TerminalRenderer;
  private written = 0;
  private disposed = false;
  private retries = 0;
  private followOutput = true;
  /** The shell in core this tab shows; kept across a dropped channel so a reattach finds it. */
  private sessionId: string | undefined;
  /** Output bytes received from the session: a reattach asks for what comes after. */
  private seq = 0;
  private replaying = false;
  private taken = false;
  private readonly resumed: boolean;
  private fitted!: () => void;
  /** Resolves at the first fit to the pane (or after a grace, for a terminal opened but never shown). */
  private readonly firstFit = new Promise<void>((resolve) => {
    this.fitted = resolve;
    setTimeout(resolve, 1500);
  });

  constructor(
    /** The tab's key: names this terminal to the renderer policy. */
    readonly id: string,
    readonly target: TerminalTarget,
    private readonly onStatus: (s: TerminalStatus) => void,
    readonly runId?: string,
    /** A session this page had before a reload: reattach to it rather than open a new shell. */
    resume?: string,
  ) {
    this.sessionId = resume;
    this.resumed = resume !== undefined;
    this.element.className = 'terminal-host';
    this.term = new Terminal({ allowProposedApi: true, cursorBlink: true, fontSize: 13, scrollback: 5000, fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" });
    for (const addon of [this.fit, this.search, new WebLinksAddon(), new Unicode11Addon()]) this.term.loadAddon(addon);
    this.term.unicode.activeVersion = '11';
    this.term.open(this.element);
    this.renderer = new TerminalRenderer(this.id, this.term, (kind) => {
      this.element.dataset.renderer = kind;
      this.refitSoon();
    });
    this.element.dataset.renderer = 'dom';
    // the screen as text, whichever renderer draws it (WebGL leaves no rows in the DOM to read)
    Object.assign(this.element, { readScreen: () => screenLines(this.term) });
    this.term.onData((s) => !this.replaying && this.channel?.send(encoder.encode(s)));
    this.term.onBinary((s) => !this.replaying && this.channel?.send(Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff)));
    this.term.onResize(({ cols, rows }) => {
      this.markSize();
      this.channel?.control({ type: 'resize', cols, rows });
    });
    this.markSize();
    this.term.attachCustomKeyEventHandler((e) => this.clipboardKey(e));
    void this.connect();
  }

  /** Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes; plain Ctrl+C stays ^C for the shell. */
  private clipboardKey(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC' && this.term.hasSelection()) {
      void navigator.clipboard?.writeText(this.term.getSelection());
      return false;
    }
    // the browser pastes on Ctrl+Shift+V itself (xterm takes the paste event); only keep ^V from the shell
    if (e.code === 'KeyV') return false;
    return true;
  }

  /** The size the pty is told, on the element, so a reader (and an e2e) can compare it with `stty size`. */
  private markSize(): void {
    this.element.dataset.cols = String(this.term.cols);
    this.element.dataset.rows = String(this.term.rows);
  }

  /** Shown in a pane (and on screen) or not: the WebGL renderer is only for visible terminals. */
  setVisible(visible: boolean): void {
    void this.renderer.setVisible(visible);
  }

  /** After a renderer switch, on the next frame: WebGL and DOM cells differ by a pixel or so. */
  private refitSoon(): void {
    requestAnimationFrame(() => {
      if (!this.disposed && this.element.isConnected && this.element.clientWidth > 0 && this.element.clientHeight > 0) this.fit.fit();
    });
  }

  /** The pane has fitted the terminal: the shell may now be opened at that size. */
  fittedToPane(): void {
    this.fitted();
  }

  private write(bytes: Uint8Array): void {
    this.term.write(bytes, () => {
      this.written += bytes.length;
      if (this.written >= FLOW.ACK_EVERY && this.channel) {
        this.channel.control({ type: 'ack', bytes: this.written });
        this.written = 0;
      }
    });
  }

  /**
   * Opens a shell, or (with a session id: a page reloaded, a network blip) reattaches to the one
   * core kept, asking only for the output after what this page has. Keystrokes are dropped while
   * a replay is being written: replayed escape sequences make xterm answer, into the shell.
   */
  private async connect(): Promise<void> {
    this.onStatus({ state: this.retries ? 'reconnecting' : 'connecting', sessionId: this.sessionId });
    let exited = false;
    let gone = false;
    try {
      // Before the pane has fitted it the xterm is 80x24; a shell opened then keeps that size, as the
      // resize from the fit arrives while the open is still in flight and has no channel to go to.
      await this.firstFit;
      const since = this.sessionId ? this.seq : undefined;
      if (!this.sessionId) {
        const info = await api().api['terminals.open']({ target: this.target, cols: this.term.cols, rows: this.term.rows, runId: this.runId });
        this.sessionId = info.sessionId;
        this.seq = 0;
      }
      const sessionId = this.sessionId;
      this.written = 0;
      this.replaying = since !== undefined;
      this.channel = await openByteChannel(
        sessionId,
        {
          data: (bytes) => {
            this.seq += bytes.length;
            this.write(bytes);
          },
          control: (m) => {
            if (m.type === 'exit') {
              exited = true;
              this.term.write(`\r\n\x1b[2m[exited with code ${m.exitCode ?? 'unknown'}]\x1b[0m\r\n`);
              this.onStatus({ state: 'exited', exitCode: m.exitCode, sessionId });
            } else if (m.type === 'replayed') {
              this.seq = m.to;
              if (m.from > m.since) this.term.write('\x1b[2m[earlier output was not kept]\x1b[0m\r\n');
              // the callback runs once xterm has parsed everything replayed before it
              this.term.write('', () => (this.replaying = false));
            } else if (m.type === 'taken') {
              this.taken = true;
            } else {
              if (m.code === 'NOT_FOUND') gone = true;
              this.term.write(`\r\n\x1b[31m[${m.code}: ${m.message}]\x1b[0m\r\n`);
            }
          },
          closed: () => {
            this.channel = null;
            this.replaying = false;
            if (this.taken) return this.onStatus({ state: 'failed', message: 'opened in another window', sessionId });
            if (gone) this.sessionId = undefined;
            if (!exited && !this.disposed) this.reattach(gone ? 'the shell ended while away' : undefined);
          },
        },
        since,
      );
      // a fit while the open was in flight, or this page's size on a reattach
      this.channel.control({ type: 'resize', cols: this.term.cols, rows: this.term.rows });
      this.retries = 0;
      if (!exited) this.onStatus({ state: 'open', sessionId });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // a kept session no longer listed (ended, or its grace ran out): the next try opens a new shell
      if (this.sessionId && !(await this.stillListed(this.sessionId))) this.sessionId = undefined;
      if ((this.retries > 0 || this.resumed) && !this.disposed) return this.reattach(message);
      this.onStatus({ state: 'failed', message });
      this.term.write(`\r\n\x1b[31m[could not open a shell: ${message}]\x1b[0m\r\n`);
    }
  }

  private async stillListed(sessionId: string): Promise<boolean> {
    const list = await api().api['terminals.list']({}).catch(() => null);
    return list === null || list.some((t) => t.sessionId === sessionId && t.exitCode === undefined);
  }

  /** The transport dropped while the shell was alive: reattach to it (or open a new one if it is gone), with backoff. */
  private reattach(reason = 'the connection dropped'): void {
    this.retries++;
    if (this.retries > 8) {
      this.onStatus({ state: 'failed', message: reason });
      return;
    }
    this.onStatus({ state: 'reconnecting', message: reason, sessionId: this.sessionId });
    this.term.write(`\r\n\x1b[33m[${reason}; ${this.sessionId ? 'reattaching' : 'opening a new shell'}]\x1b[0m\r\n`);
    setTimeout(() => void this.connect(), Math.min(250 * 2 ** (this.retries - 1), 4000));
  }

  /** The pane is about to stop showing this terminal: remember whether it was following the output. */
  hidden(): void {
    const b = this.term.buffer.active;
    this.followOutput = b.viewportY >= b.baseY;
  }

  /** Shown and fitted again: a terminal that was following its output still does. */
  shown(): void {
    if (this.followOutput) this.term.scrollToBottom();
  }

  /** Opens a new shell in the same place after the last one exited. */
  restart(): void {
    if (this.channel) return;
    this.retries = 0;
    this.sessionId = undefined;
    this.taken = false;
    void this.connect();
  }

  /** The user closed the tab: the shell ends now (a channel that merely drops is kept for a reattach). */
  dispose(): void {
    this.disposed = true;
    this.channel?.control({ type: 'close' });
    this.channel?.close();
    this.renderer.dispose();
    this.term.dispose();
  }
}
