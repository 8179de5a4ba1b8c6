import type { LogLine } from '../../api/schemas/terminals';
import { timeKey } from '../../api/log-time';

export { timeKey };

export const byTime = (a: LogLine, b: LogLine): number => {
  const x = timeKey(a.time);
  const y = timeKey(b.time);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Splits one container's log stream (already separated into stdout or stderr) into lines stamped
 * by the engine (`timestamps: true` puts the time and a space before each line). A partial last
 * line is kept until the rest arrives; bytes are decoded as streaming UTF-8.
 */
export class LogLineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly meta: { service: string; container: string; stream: LogLine['stream'] }) {}

  push(chunk: Buffer): LogLine[] {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts.map((p) => this.line(p));
  }

  end(): LogLine[] {
    const last = this.rest + this.decoder.decode();
    this.rest = '';
    return last ? [this.line(last)] : [];
  }

  private line(raw: string): LogLine {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const space = text.indexOf(' ');
    const time = space > 0 ? text.slice(0, space) : '';
    if (timeKey(time)) return { ...this.meta, time, text: text.slice(space + 1) };
    return { ...this.meta, time: new Date().toISOString(), text };
  }
}
