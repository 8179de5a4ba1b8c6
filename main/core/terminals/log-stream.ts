import { PassThrough, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { LogLine } from '../../api/schemas/terminals';
import { labContainers, type LabContainer } from './lab-container';
import { byTime, LogLineSplitter } from './log-lines';

export interface LogFollowOptions {
  labId: string;
  service?: string;
  tail: number;
  follow: boolean;
  /** How often lines are handed on, sorted by time within the batch. */
  batchMs?: number;
}

export interface LogFollower {
  stop(): void;
  /** Resolves when every container's log has ended (at once without `follow`). */
  done: Promise<void>;
}

function pipeLines(src: Readable, splitter: LogLineSplitter, out: (lines: LogLine[]) => void): Promise<void> {
  return new Promise((resolve) => {
    src.on('data', (c: Buffer) => out(splitter.push(c)));
    src.on('end', () => (out(splitter.end()), resolve()));
    src.on('close', () => resolve());
    src.on('error', () => resolve());
  });
}

async function followOne(docker: Docker, c: LabContainer, o: LogFollowOptions, out: (lines: LogLine[]) => void, streams: Readable[]): Promise<void> {
  const container = docker.getContainer(c.id);
  const tty = !!(await container.inspect()).Config.Tty;
  const opts = { stdout: true, stderr: true, timestamps: true, tail: o.tail };
  const raw = o.follow ? await container.logs({ ...opts, follow: true }) : await container.logs({ ...opts, follow: false });
  const src: Readable = Buffer.isBuffer(raw) ? Readable.from([raw]) : (raw as Readable);
  streams.push(src);
  const meta = { service: c.service, container: c.name };
  if (tty) {
    await pipeLines(src, new LogLineSplitter({ ...meta, stream: 'stdout' }), out);
    return;
  }
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker.modem.demuxStream(src, stdout, stderr);
  src.on('end', () => (stdout.end(), stderr.end()));
  src.on('close', () => (stdout.end(), stderr.end()));
  await Promise.all([pipeLines(stdout, new LogLineSplitter({ ...meta, stream: 'stdout' }), out), pipeLines(stderr, new LogLineSplitter({ ...meta, stream: 'stderr' }), out)]);
}

/**
 * Follows the logs of one service or of the whole lab (every labelled container, Prometheus
 * included), merged: each batch is sorted by the engine's timestamps and stdout/stderr are marked.
 */
export async function followLabLogs(docker: Docker, o: LogFollowOptions, onBatch: (lines: LogLine[]) => void): Promise<LogFollower> {
  const all = await labContainers(docker, o.labId);
  if (all.length === 0) throw new LabdeckError('LAB_NOT_FOUND', `no lab ${o.labId}`, { hint: 'See the running labs with `labdeck status`.' });
  const chosen = o.service ? all.filter((c) => c.service === o.service) : all;
  if (chosen.length === 0) {
    throw new LabdeckError('NOT_FOUND', `lab ${o.labId} has no service ${o.service}`, { hint: `Its services: ${[...new Set(all.map((c) => c.service))].join(', ')}.` });
  }
  let pending: LogLine[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const batch = pending.sort(byTime);
    pending = [];
    onBatch(batch);
  };
  // Without follow, everything is one batch, so the whole answer is in time order.
  const timer = o.follow ? setInterval(flush, o.batchMs ?? 100) : undefined;
  const streams: Readable[] = [];
  const done = Promise.all(chosen.map((c) => followOne(docker, c, o, (lines) => pending.push(...lines), streams).catch(() => undefined))).then(() => {
    clearInterval(timer);
    flush();
  });
  return {
    done,
    stop: () => {
      for (const s of streams) s.destroy();
      clearInterval(timer);
    },
  };
}
