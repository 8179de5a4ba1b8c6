import { FLOW } from '../../api/terminal-wire';

/**
 * Counts bytes sent to a renderer and not yet acknowledged; pauses the source above the high
 * watermark and resumes it below the low one (VS Code's terminal does the same with characters).
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly source: { pause(): void; resume(): void },
    private readonly high: number = FLOW.HIGH_WATERMARK,
    private readonly low: number = FLOW.LOW_WATERMARK,
  ) {
    if (low >= high) throw new Error('the low watermark must be below the high one');
  }

  get pending(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.source.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.source.resume();
    }
  }

  /** Nobody is reading any more (the channel closed): let the source run so it can end. */
  release(): void {
    this.unacked = 0;
    if (this.paused) {
      this.paused = false;
      this.source.resume();
    }
  }
}
