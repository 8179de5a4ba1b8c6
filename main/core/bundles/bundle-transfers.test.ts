import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleTransfers } from './bundle-transfers';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-transfers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let clock = new Date('2026-12-02T10:00:00Z');
const t = new BundleTransfers(dir, () => clock, 1000);
const body = (...chunks: string[]): Readable => Readable.from(chunks.map((c) => Buffer.from(c)));
const staged = (): string[] => (existsSync(t.uploadsDir) ? readdirSync(t.uploadsDir) : []);

describe('bundle uploads', () => {
  it('stream into a staging file in the data folder, named by an id the server makes', async () => {
    const r = await t.receive(body('abc', 'def'), 6);
    expect(r).toEqual({ upload: expect.stringMatching(/^up-[a-z0-9]{16}$/), bytes: 6 });
    expect(t.existingUpload(r.upload)).toBe(join(dir, 'imports', `${r.upload}.bundle`));
    t.removeUpload(r.upload);
    expect(() => t.existingUpload(r.upload)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('are refused over the size limit: declared (before a byte is read) or grown past it (cut off, nothing kept)', async () => {
    await expect(t.receive(body('x'), 5000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(t.receive(body('x'.repeat(600), 'y'.repeat(600)), undefined)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(staged()).toEqual([]);
  });

  it('that end short of their declared length, or fail midway, leave no file', async () => {
    await expect(t.receive(body('abc'), 10)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('3 of 10') });
    const broken = new Readable({ read() {} });
    const pending = t.receive(broken, undefined);
    broken.push(Buffer.from('abc'));
    setTimeout(() => broken.destroy(new Error('connection reset')), 20);
    await expect(pending).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('connection reset') });
    expect(staged()).toEqual([]);
  });

  it('are named by id only: a path, or anything else, is refused', () => {
    for (const bad of ['../../etc/passwd', 'up-0123456789abcdef/../x', '/tmp/x', 'up-ABC']) expect(() => t.uploadFile(bad)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});

describe('bundle exports', () => {
  it('get names the server makes, and a download ticket works once and only for five minutes', () => {
    const a = t.newExport();
    expect(a.file).toBe(join(dir, 'exports', 'bundles', a.name));
    writeFileSync(a.file, 'bundle bytes');
    expect(t.listExports()).toEqual([{ name: a.name, bytes: 12, created: expect.any(String) }]);
    const ticket = t.downloadTicket(a.name);
    expect(t.redeem(ticket)).toEqual({ name: a.name, file: a.file });
    expect(t.redeem(ticket)).toBeNull();
    const late = t.downloadTicket(a.name);
    clock = new Date(clock.getTime() + 5 * 60 * 1000 + 1);
    expect(t.redeem(late)).toBeNull();
    expect(t.redeem('made-up')).toBeNull();
  });

  it('are found by their own names only', () => {
    writeFileSync(join(t.exportsDir, 'notes.txt'), 'x');
    for (const bad of ['notes.txt', '../../labdeck.db', 'labdeck-2026-12-02T10-00-00-000Z-abcdef.bundle']) {
      expect(() => t.downloadTicket(bad)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    expect(t.listExports().map((e) => e.name)).not.toContain('notes.txt');
  });
});
