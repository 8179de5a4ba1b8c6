import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { LabdeckError } from '../../api/errors';
import { freeBytes } from '../store/disk-full';

/** An export's file name: made here, never taken from a client. */
export const EXPORT_NAME_RE = /^labdeck-[0-9TZ-]+-[a-z0-9]{6}\.bundle$/;
const UPLOAD_ID_RE = /^up-[a-z0-9]{16}$/;
/** A download link works once, for this long. */
const TICKET_MS = 5 * 60 * 1000;
/** Uploads no import took are removed after this long. */
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 ** 3;

export interface ExportFile {
  name: string;
  bytes: number;
  created: string;
}

const token = (n: number): string => randomBytes(n).toString('hex').slice(0, n);

/**
 * The console's bundle files, all inside the data folder: exports the server names
 * (`exports/bundles/`), and uploads streamed to a staging file (`imports/`) that an import reads
 * and then removes. A client names an export or an upload by its id, never by a path.
 */
export class BundleTransfers {
  readonly exportsDir: string;
  readonly uploadsDir: string;
  private readonly tickets = new Map<string, { name: string; until: number }>();

  constructor(
    dataDir: string,
    private readonly now: () => Date,
    readonly maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
  ) {
    this.exportsDir = join(dataDir, 'exports', 'bundles');
    this.uploadsDir = join(dataDir, 'imports');
  }

  /** A new export's path, named by the server: `labdeck-<time>-<random>.bundle`. */
  newExport(): { name: string; file: string } {
    mkdirSync(this.exportsDir, { recursive: true });
    const name = `labdeck-${this.now().toISOString().replace(/[:.]/g, '-')}-${token(6)}.bundle`;
    return { name, file: join(this.exportsDir, name) };
  }

  listExports(): ExportFile[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.exportsDir).filter((n) => EXPORT_NAME_RE.test(n));
    } catch {
      return [];
    }
    return names
      .map((name) => {
        const s = statSync(join(this.exportsDir, name));
        return { name, bytes: s.size, created: s.mtime.toISOString() };
      })
      .sort((a, b) => b.created.localeCompare(a.created));
  }

  exportFile(name: string): string {
    if (!EXPORT_NAME_RE.test(name) || !this.listExports().some((e) => e.name === name)) throw new LabdeckError('NOT_FOUND', `no exported bundle ${name}`, { hint: 'Export it again from the Bundles page.' });
    return join(this.exportsDir, name);
  }

  removeExport(name: string): void {
    rmSync(this.exportFile(name), { force: true });
  }

  /** A one-time download path for an export, valid for five minutes. */
  downloadTicket(name: string): string {
    this.exportFile(name);
    const t = randomBytes(24).toString('base64url');
    this.tickets.set(t, { name, until: this.now().getTime() + TICKET_MS });
    return t;
  }

  /** The export a ticket was made for; the ticket is spent. Null for an unknown, spent or expired one. */
  redeem(ticket: string): { name: string; file: string } | null {
    const t = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!t || t.until < this.now().getTime()) return null;
    try {
      return { name: t.name, file: this.exportFile(t.name) };
    } catch {
      return null;
    }
  }

  /**
   * Streams an upload into a staging file, refusing it at once when its declared size is over the
   * limit or the free space, and cutting it off when it grows past the limit. A failed or aborted
   * upload leaves no file.
   */
  async receive(body: Readable, declared: number | undefined): Promise<{ upload: string; bytes: number }> {
    if (declared !== undefined && declared > this.maxUploadBytes) throw tooLarge(this.maxUploadBytes);
    mkdirSync(this.uploadsDir, { recursive: true });
    this.sweep();
    const free = freeBytes(this.uploadsDir);
    if (declared !== undefined && free !== undefined && declared > free) {
      throw new LabdeckError('DISK_FULL', `the upload is ${mib(declared)} and ${mib(free)} is free in ${this.uploadsDir}`, { hint: 'Free space in the Labdeck data folder, then upload again.', path: this.uploadsDir });
    }
    const upload = `up-${token(16)}`;
    const file = this.uploadFile(upload);
    let bytes = 0;
    const max = this.maxUploadBytes;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > max ? tooLarge(max) : null, chunk);
      },
    });
    try {
      await pipeline(body, cap, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      rmSync(file, { force: true });
      if (err instanceof LabdeckError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new LabdeckError('DISK_FULL', `the disk filled up while receiving the bundle in ${this.uploadsDir}: nothing was kept`, { path: this.uploadsDir });
      throw new LabdeckError('BAD_REQUEST', `the upload did not complete (${(err as Error).message}): nothing was kept`);
    }
    if (declared !== undefined && bytes !== declared) {
      rmSync(file, { force: true });
      throw new LabdeckError('BAD_REQUEST', `the upload ended after ${bytes} of ${declared} bytes: nothing was kept`);
    }
    return { upload, bytes };
  }

  /** The staging file of an upload that is here. */
  uploadFile(upload: string): string {
    if (!UPLOAD_ID_RE.test(upload)) throw new LabdeckError('BAD_REQUEST', `not an upload id: ${JSON.stringify(upload).slice(0, 40)}`);
    return join(this.uploadsDir, `${upload}.bundle`);
  }

  existingUpload(upload: string): string {
    const file = this.uploadFile(upload);
    try {
      statSync(file);
    } catch {
      throw new LabdeckError('NOT_FOUND', `no uploaded bundle ${upload} (an import removes its upload when it ends)`, { hint: 'Choose the bundle file again.' });
    }
    return file;
  }

  removeUpload(upload: string): void {
    rmSync(this.uploadFile(upload), { force: true });
  }

  /** Removes uploads older than a day (a console closed between its upload and its import). */
  private sweep(): void {
    const cutoff = this.now().getTime() - STALE_UPLOAD_MS;
    for (const n of readdirSync(this.uploadsDir)) {
      if (!/^up-[a-z0-9]{16}\.bundle$/.test(n)) continue;
      const f = join(this.uploadsDir, n);
      if (statSync(f).mtimeMs < cutoff) rmSync(f, { force: true });
    }
  }
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const tooLarge = (max: number): LabdeckError =>
  new LabdeckError('PAYLOAD_TOO_LARGE', `a bundle upload may be at most ${mib(max)}`, { hint: 'Import a larger bundle with `labdeck bundle import FILE` on this machine.' });
