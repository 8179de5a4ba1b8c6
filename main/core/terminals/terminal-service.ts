import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { RecordingRunId, type OpenTerminalParams, type RecordingSummary, type TerminalInfo } from '../../api/schemas/terminals';
import { AsciicastWriter } from './asciicast-writer';
import { probeShell, startExec } from './exec-process';
import { serviceContainer } from './lab-container';
import type { RecordingsRepo } from './recordings-repo';
import type { TerminalProcess } from './terminal-process';
import { TerminalSession, type TerminalSink } from './terminal-session';
import { openChannel, type TerminalChannel } from './terminal-channel';
import type { PodTerminalStarter } from './pod-terminals';

export interface HostShellStarter {
  /** Whether host shells are allowed here (off in `labdeck serve` unless --allow-host-shell). */
  allowed(): boolean;
  start(opts: { cols: number; rows: number; labId?: string; command?: string[] }): Promise<TerminalProcess>;
}

export interface TerminalServiceDeps {
  docker: () => Promise<Docker>;
  dataDir: string;
  recordings: RecordingsRepo;
  hostShell?: HostShellStarter;
  /** Shells in the pods of cluster labs (the `pod` target). */
  pods?: PodTerminalStarter;
  now?: () => Date;
  /** How long an opened session waits for its channel before it is closed. */
  attachWithinMs?: number;
  /** How long a session whose channel went away (a page reloaded, a network blip) waits to be reattached. */
  reattachGraceMs?: number;
  /** How much recent output a session keeps for a reattach (bytes, whole chunks). */
  replayBytes?: number;
}

export const REATTACH_GRACE_MS = 60_000;

/** Opens, finds and closes terminal sessions; their bytes travel over a channel a bridge attaches. */
export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();

  constructor(private readonly d: TerminalServiceDeps) {}

  private async process(p: OpenTerminalParams): Promise<{ proc: TerminalProcess; container: string; title: string }> {
    const t = p.target;
    if (t.kind === 'host') {
      if (!this.d.hostShell?.allowed()) {
        throw new LabdeckError('HOST_SHELL_DISABLED', 'host shells are turned off here', { hint: 'Start the console with `labdeck serve --allow-host-shell`, or use the desktop app.' });
      }
      const proc = await this.d.hostShell.start({ cols: p.cols, rows: p.rows, labId: t.labId, command: p.command });
      return { proc, container: '', title: t.labId ? `host (${t.labId})` : 'host' };
    }
    if (t.kind === 'pod') {
      if (!this.d.pods) throw new LabdeckError('NOT_FOUND', 'pod terminals are not available here');
      return this.d.pods.start(t, p);
    }
    const docker = await this.d.docker();
    const c = await serviceContainer(docker, t.labId, t.service, t.index);
    const container = docker.getContainer(c.id);
    const argv = p.command ?? (await probeShell(container));
    const proc = await startExec(container, { argv, cols: p.cols, rows: p.rows });
    return { proc, container: c.name, title: `${t.service}${c.index > 1 ? ` #${c.index}` : ''} (${t.labId})` };
  }

  async open(p: OpenTerminalParams): Promise<TerminalInfo> {
    if (p.runId && p.recordTo && p.runId !== p.recordTo) {
      throw new LabdeckError('BAD_REQUEST', `runId ${p.runId} and recordTo ${p.recordTo} name different runs`, { hint: 'Pass only runId.' });
    }
    const runId = p.runId ?? p.recordTo;
    // The run id names a folder under recordings/: callers inside the process are held to it too, not only the console.
    if (runId !== undefined && !RecordingRunId.safeParse(runId).success) {
      throw new LabdeckError('BAD_REQUEST', `"${runId}" is not a run id: letters, digits and - only`, { path: 'params.runId' });
    }
    const { proc, container, title } = await this.process(p);
    const sessionId = `term-${randomBytes(6).toString('hex')}`;
    const startedAt = (this.d.now?.() ?? new Date()).toISOString();
    let recorder: AsciicastWriter | undefined;
    let recordingId: number | undefined;
    if (runId) {
      const file = join(this.d.dataDir, 'recordings', runId, `${sessionId}.cast`);
      recorder = new AsciicastWriter(file, { width: p.cols, height: p.rows, title, timestamp: Math.floor(Date.parse(startedAt) / 1000) });
      recordingId = this.d.recordings.add({ runId, sessionId, title, file });
    }
    const info: TerminalInfo = { sessionId, target: p.target, container, shell: proc.argv, title, startedAt, recording: recorder?.file, runId };
    const session = new TerminalSession(info, proc, recorder, this.d.replayBytes);
    this.sessions.set(sessionId, session);
    // A client that opened a terminal and never attached to it (it went away in between) leaves no shell behind.
    setTimeout(() => {
      if (!session.attached && session.exitCode === undefined) session.close();
    }, this.d.attachWithinMs ?? 30_000).unref();
    // A channel that went away without closing the terminal: the page may come back (a reload) within the grace.
    let orphaned: NodeJS.Timeout | undefined;
    session.onDetached(() => {
      clearTimeout(orphaned);
      orphaned = setTimeout(() => {
        if (!session.attached) session.close();
      }, this.d.reattachGraceMs ?? REATTACH_GRACE_MS).unref();
    });
    session.onClosed(() => {
      clearTimeout(orphaned);
      if (recordingId !== undefined) this.d.recordings.finish(recordingId, session.exitCode ?? null);
      // keep an ended session a little while, so a channel attaching late still learns the exit code
      setTimeout(() => this.sessions.delete(sessionId), 60_000).unref();
    });
    return info;
  }

  get(sessionId: string): TerminalSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new LabdeckError('NOT_FOUND', `no terminal ${sessionId}`, { hint: 'It ended or was closed; open a new one.' });
    return s;
  }

  /**
   * For a bridge: the session's byte channel. One channel at a time (a new one replaces the old);
   * `since` makes it a reattach that replays newer output. A channel that detaches leaves the
   * session running for the reattach grace; the 'close' control message ends it at once.
   */
  attach(sessionId: string, sink: TerminalSink, opts: { since?: number } = {}): TerminalChannel {
    return openChannel(this.get(sessionId), sink, opts);
  }

  /** A read-only mirror of a session's output (the trainer watching a seat): nothing it sends reaches the shell. */
  watch(sessionId: string, sink: TerminalSink): () => void {
    return this.get(sessionId).watch(sink);
  }

  list(): TerminalInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.get(sessionId).resize(cols, rows);
  }

  close(sessionId: string): void {
    this.sessions.get(sessionId)?.close();
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.close();
  }

  /** A run's recordings (for its history page), or the latest of every run. */
  recordings(runId?: string): RecordingSummary[] {
    return runId ? this.d.recordings.listByRun(runId) : this.d.recordings.list();
  }

  async recordingText(id: number): Promise<string> {
    const r = this.d.recordings.get(id);
    if (!r) throw new LabdeckError('NOT_FOUND', `no recording ${id}`);
    return readFile(r.file, 'utf8');
  }
}
