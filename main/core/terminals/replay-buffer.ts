/** A slice of a session's output from `from` (a byte offset) up to the newest output, `to`. */
export interface Replay {
  from: number;
  to: number;
  bytes: Buffer;
}

/**
 * A session's recent output as whole chunks, each numbered by the byte offset it starts at (as
 * Educates numbers its chunks), so a page that comes back says how far it got and gets only what
 * is newer. Bounded: past `maxBytes` the oldest whole chunks go (the newest one always stays).
 * Chunks are never cut, so a replay never starts inside one of them.
 */
export class ReplayBuffer {
  private chunks: { at: number; bytes: Buffer }[] = [];
  private held = 0;
  private end = 0;

  constructor(private readonly maxBytes = 256 * 1024) {}

  /** The offset after the newest byte: what a page that has seen everything says it has. */
  get seq(): number {
    return this.end;
  }

  /** The offset of the oldest byte still kept. */
  get oldest(): number {
    return this.chunks[0]?.at ?? this.end;
  }

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.chunks.push({ at: this.end, bytes });
    this.end += bytes.length;
    this.held += bytes.length;
    while (this.held > this.maxBytes && this.chunks.length > 1) this.held -= this.chunks.shift()!.bytes.length;
  }

  /**
   * Everything after `since`. A `since` older than what is kept gets all that is kept (`from`
   * tells the page what was lost); one past the end, or inside a chunk (no page was sent that),
   * is clamped to a chunk boundary at or before it.
   */
  after(since: number): Replay {
    const at = Math.min(Math.max(0, Math.floor(since)), this.end);
    let i = this.chunks.length;
    while (i > 0 && this.chunks[i - 1].at >= at) i--;
    // `at` falls inside chunk i-1: start at that chunk, the page never got part of one
    if (i > 0 && this.chunks[i - 1].at + this.chunks[i - 1].bytes.length > at) i--;
    const kept = this.chunks.slice(i);
    return { from: kept[0]?.at ?? this.end, to: this.end, bytes: Buffer.concat(kept.map((c) => c.bytes)) };
  }
}
