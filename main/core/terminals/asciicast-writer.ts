import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface CastHeader {
  width: number;
  height: number;
  title?: string;
  /** Unix seconds when the session started. */
  timestamp: number;
  env?: Record<string, string>;
}

/**
 * Writes a terminal session as asciicast v2: a JSON header line, then one `[seconds, code, data]`
 * line per event ("o" output, "i" input, "r" resize as "COLSxROWS"). Output bytes are decoded as
 * streaming UTF-8, so a character split across two chunks is written whole.
 */
export class AsciicastWriter {
  private readonly out: WriteStream;
  private readonly decoder = new StringDecoder('utf8');
  private closed = false;

  constructor(
    readonly file: string,
    header: CastHeader,
    private readonly now: () => number = () => performance.now(),
    private readonly startedAt = now(),
  ) {
    // Private like the rest of the data dir: a recording holds everything typed, passwords too.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.out.write(`${JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: header.timestamp, title: header.title, env: header.env ?? { TERM: 'xterm-256color' } })}\n`);
  }

  private event(code: 'o' | 'i' | 'r', data: string): void {
    if (this.closed || data === '') return;
    const t = Math.max(0, (this.now() - this.startedAt) / 1000);
    this.out.write(`${JSON.stringify([Math.round(t * 1e6) / 1e6, code, data])}\n`);
  }

  output(chunk: Buffer): void {
    this.event('o', this.decoder.write(chunk));
  }

  resize(cols: number, rows: number): void {
    this.event('r', `${cols}x${rows}`);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.event('o', this.decoder.end());
    this.closed = true;
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
