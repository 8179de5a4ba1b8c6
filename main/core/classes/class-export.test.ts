import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClassBoard } from '../../api/schemas/classes';
import { exportClass, type ExportSources } from './class-export';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-class-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function entries(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const x = extract();
  x.on('entry', (h, stream, next) => {
    let text = '';
    stream.on('data', (d) => (text += String(d)));
    stream.on('end', () => (out.set(h.name, text), next()));
  });
  await new Promise<void>((resolve, reject) => createReadStream(file).pipe(createGunzip()).pipe(x).on('finish', () => resolve()).on('error', reject));
  return out;
}

const board: ClassBoard = {
  at: 'now',
  class: { name: 'cls-x', course: [{ kind: 'scenario', name: 'redis-worker-crash' }], seats: 3, state: 'ended', createdAt: '2026-01-01T00:00:00Z' },
  rows: ['cls-x-1', 'cls-x-2', 'cls-x-3'].map((seat, i) => ({ seat, n: i + 1, state: 'open', watched: false, cells: [{ step: 0, status: 'passed', runId: `r${i + 1}`, tasksPassed: 1, tasksTotal: 1, hintsUsed: i, failedChecks: 0, ttdMs: 1000 * (i + 1) }] })),
};
const sources = (over: Partial<ExportSources> = {}): ExportSources => ({
  board,
  runsOf: (seat) => [{ id: `r${seat.slice(-1)}`, scenario: 'redis-worker-crash' }],
  report: (runId, format) => (format === 'json' ? JSON.stringify({ run: runId }) : `<html>${runId}</html>`),
  recordings: async (runId) => (runId === 'r1' ? [{ id: 7, runId, sessionId: 'term-abc', title: 'redis', file: 'x', startedAt: 'now' }] : []),
  recordingText: async () => '{"version":2}\n[0.1,"o","hi"]\n',
  ...over,
});

describe('exportClass', () => {
  it("writes one tar.gz: every seat's journals, reports, recordings, and scores.csv", async () => {
    const file = join(dir, 'cls-x.tar.gz');
    const r = await exportClass(file, sources());
    expect(r.bytes).toBeGreaterThan(0);
    const got = await entries(file);
    const journals = [...got.keys()].filter((k) => k.endsWith('/journal.json'));
    expect(journals).toEqual(['cls-x/seats/cls-x-1/r1/journal.json', 'cls-x/seats/cls-x-2/r2/journal.json', 'cls-x/seats/cls-x-3/r3/journal.json']);
    expect(JSON.parse(got.get('cls-x/seats/cls-x-2/r2/journal.json')!)).toEqual({ run: 'r2' });
    expect(got.get('cls-x/seats/cls-x-3/r3/report.html')).toBe('<html>r3</html>');
    expect(got.get('cls-x/seats/cls-x-1/r1/recordings/7-term-abc.cast')).toContain('"o","hi"');
    const csv = got.get('cls-x/scores.csv')!.trim().split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[3]).toBe('cls-x-3,1,scenario,redis-worker-crash,passed,r3,,1,1,2,0,,3000');
  });

  it('leaves nothing under the asked name when a part fails', async () => {
    const file = join(dir, 'broken.tar.gz');
    await expect(exportClass(file, sources({ report: () => {
      throw new Error('journal unreadable');
    } }))).rejects.toThrow('journal unreadable');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
