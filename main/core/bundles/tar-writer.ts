import { createHash } from 'node:crypto';
import type { PartSink } from './part-sink';

const BLOCK = 512;

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'latin1');
}

/** A size field: octal when it fits 11 digits (8 GiB), else GNU base-256 (what GNU tar, bsdtar and tar-stream read). */
function sizeField(buf: Buffer, value: number): void {
  if (value < 8 ** 11) return octal(buf, 124, 12, value);
  buf[124] = 0x80;
  let v = BigInt(value);
  for (let i = 135; i > 124; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The ustar name/prefix split (names up to 255 characters). */
function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] === '/' && Buffer.byteLength(name.slice(i + 1)) <= 100 && Buffer.byteLength(name.slice(0, i)) <= 155) return { name: name.slice(i + 1), prefix: name.slice(0, i) };
  }
  throw new Error(`tar entry name too long: ${name}`);
}

export function tarHeader(entryName: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(entryName);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  sizeField(h, size);
  octal(h, 136, 12, Math.floor(mtime));
  h.write('        ', 148, 8, 'latin1');
  h.write('0', 156, 1, 'latin1');
  h.write('ustar\u000000', 257, 8, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * A plain ustar writer over a PartSink. Own code rather than tar-stream's pack because an image
 * archive's size is known only once `docker save` has finished: its header is written with size 0
 * and patched in place afterwards, so the archive is never held in memory or in a temp file.
 */
export class TarWriter {
  constructor(
    private readonly sink: PartSink,
    private readonly mtime: number,
  ) {}

  async addBuffer(name: string, data: Buffer): Promise<{ offset: number }> {
    const offset = this.sink.position;
    await this.sink.write(tarHeader(name, data.length, this.mtime));
    await this.sink.write(data);
    await this.sink.write(padding(data.length));
    return { offset };
  }

  /** Rewrites an entry added with addBuffer with new content of the same length. */
  async rewrite(offset: number, name: string, data: Buffer): Promise<void> {
    await this.sink.patch(offset, tarHeader(name, data.length, this.mtime));
    await this.sink.patch(offset + BLOCK, data);
  }

  async addStream(name: string, source: AsyncIterable<Buffer | Uint8Array | string>, onBytes?: (n: number) => void): Promise<{ size: number; sha256: string }> {
    const headerAt = this.sink.position;
    await this.sink.write(tarHeader(name, 0, this.mtime));
    const hash = createHash('sha256');
    let size = 0;
    // the engine's HTTP chunks are small (16-64 KiB): gathered into 1 MiB writes, one syscall each
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      await this.sink.write(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(buf);
      pending.push(buf);
      pendingBytes += buf.length;
      size += buf.length;
      if (pendingBytes >= 1024 * 1024) await flush();
      onBytes?.(size);
    }
    await flush();
    await this.sink.write(padding(size));
    await this.sink.patch(headerAt, tarHeader(name, size, this.mtime));
    return { size, sha256: hash.digest('hex') };
  }

  /** The end-of-archive marker: two zero blocks. */
  async finish(): Promise<void> {
    await this.sink.write(Buffer.alloc(BLOCK * 2));
  }
}
