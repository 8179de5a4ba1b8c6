import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { LogBatch, LogsParams } from '../../api/schemas/terminals';
import { followLabLogs, type LogFollower } from './log-stream';
import type { PodLogSource } from './pod-log-stream';

const MAX_STREAMS = 20;

/**
 * Log streams for the console: each `follow` gets an id, and its lines go out as `logs.lines`
 * events in batches. A client stops its stream when it leaves; past MAX_STREAMS the oldest is stopped.
 */
export class LogsService {
  private readonly streams = new Map<string, LogFollower>();

  constructor(
    private readonly docker: () => Promise<Docker>,
    private readonly emit: (batch: LogBatch) => void,
    /** Pod logs of cluster labs (the `pod` option). */
    private readonly pods?: PodLogSource,
  ) {}

  async follow(p: LogsParams): Promise<{ streamId: string }> {
    const streamId = `logs-${randomBytes(6).toString('hex')}`;
    const out = (lines: LogBatch['lines']): void => this.emit({ streamId, lines });
    const pod = p.pod;
    if (pod && !this.pods) throw new LabdeckError('NOT_FOUND', 'pod logs are not available here');
    const follower = pod && this.pods ? await this.pods.follow({ ...p, pod }, out) : await followLabLogs(await this.docker(), p, out);
    this.streams.set(streamId, follower);
    void follower.done.then(() => {
      if (this.streams.delete(streamId)) this.emit({ streamId, lines: [], ended: true });
    });
    if (this.streams.size > MAX_STREAMS) this.stop(this.streams.keys().next().value as string);
    return { streamId };
  }

  /** How many streams are following now. */
  get size(): number {
    return this.streams.size;
  }

  stop(streamId: string): void {
    const s = this.streams.get(streamId);
    this.streams.delete(streamId);
    s?.stop();
  }

  stopAll(): void {
    for (const id of [...this.streams.keys()]) this.stop(id);
  }
}
