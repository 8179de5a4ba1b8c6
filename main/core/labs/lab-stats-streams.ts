import type Docker from 'dockerode';
import type { ContainerUsage } from '../../api/schemas/labs';
import { usageFromStats, type EngineStats } from './lab-status';

/** How long a container's stats stream stays open after the last request for it (a panel refreshes every few seconds). */
const IDLE_MS = 15_000;
/**
 * How long a first request waits for a frame with CPU in it. Docker sends a frame a second and its first
 * has no previous sample (no CPU %); Podman 4 sends one every 5 s, the first already with CPU.
 */
const FIRST_SAMPLE_MS = 2_500;

/** A frame with CPU % came (or a second frame, which always has a previous sample). */
const hasCpu = (s: Stream): boolean => s.latest?.cpuPercent !== undefined || s.frames >= 2;

interface Stream {
  latest?: ContainerUsage;
  frames: number;
  lastAsked: number;
  stop: () => void;
  waiters: (() => void)[];
}

/**
 * CPU, memory and network of a lab's containers from the engine's stats stream (`docker stats`
 * without --no-stream), one stream per container that someone is looking at: a request is answered
 * from the latest frame, and a stream nobody asked about for IDLE_MS is closed. This keeps the
 * one-shot `stats` (which makes the engine sample for ~1-2 s per call) out of every status request.
 */
export class LabStatsStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), IDLE_MS / 3);
    this.sweeper.unref();
  }

  /** The latest usage of each running container (by id), opening streams for those not watched yet. */
  async usage(docker: Docker, containers: { id: string; name: string }[]): Promise<ContainerUsage[]> {
    const fresh = containers.filter((c) => !this.streams.has(c.id)).map((c) => this.open(docker, c));
    for (const c of containers) this.streams.get(c.id)!.lastAsked = this.now();
    if (fresh.length) await Promise.all(fresh.map((s) => this.firstSample(s)));
    return containers.flatMap((c) => {
      const latest = this.streams.get(c.id)?.latest;
      return latest ? [latest] : [];
    });
  }

  /** Containers with an open stream (for tests and the idle sweep). */
  watched(): string[] {
    return [...this.streams.keys()];
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.streams.keys()]) this.drop(id);
  }

  private open(docker: Docker, c: { id: string; name: string }): Stream {
    const s: Stream = { frames: 0, lastAsked: this.now(), stop: () => undefined, waiters: [] };
    this.streams.set(c.id, s);
    let closed = false;
    s.stop = () => {
      closed = true;
    };
    const end = () => {
      if (this.streams.get(c.id) === s) this.streams.delete(c.id);
      for (const w of s.waiters.splice(0)) w();
    };
    docker
      .getContainer(c.id)
      .stats({ stream: true })
      .then((body) => {
        const stream = body as unknown as NodeJS.ReadableStream & { destroy(): void };
        if (closed) return stream.destroy();
        s.stop = () => stream.destroy();
        let buffered = '';
        stream.on('data', (chunk: Buffer) => {
          // One JSON document per line; a chunk may end mid-line.
          buffered += chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines.filter((l) => l.trim())) {
            try {
              s.latest = { container: c.name, ...usageFromStats(JSON.parse(line) as EngineStats) };
              s.frames += 1;
            } catch {
              continue; // a torn or foreign line: the next frame comes within a second
            }
            if (hasCpu(s)) for (const w of s.waiters.splice(0)) w();
          }
        });
        stream.on('error', end);
        stream.on('close', end);
        stream.on('end', end);
      })
      .catch(end);
    return s;
  }

  private firstSample(s: Stream): Promise<void> {
    if (hasCpu(s)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, FIRST_SAMPLE_MS);
      s.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private sweep(): void {
    for (const [id, s] of this.streams) if (this.now() - s.lastAsked > IDLE_MS) this.drop(id);
  }

  private drop(id: string): void {
    const s = this.streams.get(id);
    this.streams.delete(id);
    s?.stop();
    for (const w of s?.waiters.splice(0) ?? []) w();
  }
}
