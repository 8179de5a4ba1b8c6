import { timeKey } from '../../../main/api/log-time';
import type { LogLine } from '../../../main/api/schemas/terminals';

export interface KeyedLine extends LogLine {
  key: string;
  seq: number;
}

/**
 * The lines a log view holds: kept in time order (a late line is inserted where it belongs,
 * searching from the end, where nearly every line lands) and bounded, oldest dropped first,
 * so hours of logs take the same memory as minutes.
 */
export class LogBuffer {
  private lines: KeyedLine[] = [];
  private seq = 0;
  dropped = 0;

  constructor(readonly max = 20_000) {}

  add(batch: LogLine[]): void {
    for (const l of batch) {
      const line = { ...l, key: timeKey(l.time), seq: this.seq++ };
      let i = this.lines.length;
      while (i > 0 && this.lines[i - 1].key > line.key) i--;
      this.lines.splice(i, 0, line);
    }
    const over = this.lines.length - this.max;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  get size(): number {
    return this.lines.length;
  }

  all(): readonly KeyedLine[] {
    return this.lines;
  }

  /** Lines whose text or service contains `q` (case-insensitive); all of them when `q` is empty. */
  filter(q: string): readonly KeyedLine[] {
    if (!q) return this.lines;
    const needle = q.toLowerCase();
    return this.lines.filter((l) => l.text.toLowerCase().includes(needle) || l.service.toLowerCase().includes(needle));
  }

  /** The index of the first line at or after an ISO time, for "jump to time". */
  indexAt(iso: string): number {
    const k = timeKey(iso);
    const i = this.lines.findIndex((l) => l.key >= k);
    return i < 0 ? this.lines.length - 1 : i;
  }

  clear(): void {
    this.lines = [];
  }
}
