import { open, rename, rm, type FileHandle } from 'node:fs/promises';

export const partName = (file: string, n: number): string => `${file}.part${n}`;

/**
 * The bytes of a bundle going to one file, or to FILE.part1…N of `splitSize` bytes each. Written
 * under temporary names and renamed at `commit`, so a failed or cancelled create leaves no bundle
 * that looks whole. `patch` rewrites bytes already written (the manifest and the tar headers of
 * streamed entries, whose sizes are known only at the end).
 */
export class PartSink {
  private readonly handles: FileHandle[] = [];
  private pos = 0;

  constructor(
    private readonly file: string,
    private readonly splitSize?: number,
  ) {}

  get position(): number {
    return this.pos;
  }

  private finalName(i: number): string {
    return this.splitSize ? partName(this.file, i + 1) : this.file;
  }
  private tempName(i: number): string {
    return `${this.finalName(i)}.partial`;
  }

  private async handle(i: number): Promise<FileHandle> {
    while (this.handles.length <= i) this.handles.push(await open(this.tempName(this.handles.length), 'w', 0o644));
    return this.handles[i];
  }

  private async writeAt(offset: number, data: Buffer): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const at = offset + done;
      const part = this.splitSize ? Math.floor(at / this.splitSize) : 0;
      const within = this.splitSize ? at % this.splitSize : at;
      const room = this.splitSize ? this.splitSize - within : data.length - done;
      const n = Math.min(room, data.length - done);
      const h = await this.handle(part);
      let written = 0;
      while (written < n) written += (await h.write(data, done + written, n - written, within + written)).bytesWritten;
      done += n;
    }
  }

  async write(data: Buffer): Promise<void> {
    await this.writeAt(this.pos, data);
    this.pos += data.length;
  }

  async patch(offset: number, data: Buffer): Promise<void> {
    if (offset + data.length > this.pos) throw new Error('patch beyond what was written');
    await this.writeAt(offset, data);
  }

  partCount(): number {
    return this.splitSize ? Math.max(1, Math.ceil(this.pos / this.splitSize)) : 1;
  }

  /** Closes and renames the files into place; returns their names. */
  async commit(): Promise<string[]> {
    await this.handle(this.partCount() - 1);
    for (const h of this.handles) await h.sync();
    await this.close();
    const names: string[] = [];
    for (let i = 0; i < this.handles.length; i++) {
      await rename(this.tempName(i), this.finalName(i));
      names.push(this.finalName(i));
    }
    // parts left by an earlier, bigger bundle of the same name would look like ours
    if (this.splitSize) for (let i = this.handles.length; i < this.handles.length + 1000; i++) await rm(this.finalName(i), { force: true });
    return names;
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close().catch(() => undefined)));
  }

  /** Removes what was written (after a failure or cancel). */
  async discard(): Promise<void> {
    await this.close();
    for (let i = 0; i < this.handles.length; i++) await rm(this.tempName(i), { force: true });
  }
}
