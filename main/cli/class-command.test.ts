import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/in-process-cli';

/** `labdeck class …` on a real store in a throw-away data folder (no engine needed for these). */
describe('labdeck class', () => {
  const { home, io, run } = useInProcessCli('class');

  it('creates, starts, shows, ends and exports a class; the store keeps it between commands', async () => {
    expect(await run('create', 'cls-cli', '--course', 'redis-worker-crash,redis-streams', '--seats', '3', '--minutes', '40', '--json')).toBe(0);
    const created = JSON.parse(io.out) as { seatList: { id: string; code?: string }[]; course: { kind: string }[] };
    expect(created.seatList.map((s) => s.id)).toEqual(['cls-cli-1', 'cls-cli-2', 'cls-cli-3']);
    expect(created.seatList.every((s) => s.code === undefined)).toBe(true);
    expect(created.course.map((s) => s.kind)).toEqual(['scenario', 'lab']);
    expect(await run('start', 'cls-cli')).toBe(0);
    expect(io.out).toContain('cls-cli (running)');
    expect(await run('status', 'cls-cli', '--json')).toBe(0);
    const board = JSON.parse(io.out) as { rows: { seat: string; cells: { status: string }[] }[] };
    expect(board.rows).toHaveLength(3);
    expect(board.rows[0]!.cells.map((c) => c.status)).toEqual(['not-started', 'not-started']);
    expect(await run('status')).toBe(0);
    expect(io.out).toMatch(/cls-cli\s+running\s+3 seats\s+redis-worker-crash → redis-streams/);
    const file = join(home, 'cls-cli.tar.gz');
    expect(await run('export', 'cls-cli', '-o', file)).toBe(0);
    const tar = gunzipSync(readFileSync(file)).toString('latin1');
    expect(tar).toContain('cls-cli/scores.csv');
    expect(tar).toContain('seat,step,kind,name,status');
    expect(await run('end', 'cls-cli')).toBe(0);
    expect(io.out).toContain('cls-cli (ended)');
  });

  it('bad input exits 2 with a coded error', async () => {
    expect(await run('create', 'Bad Name', '--course', 'redis-worker-crash', '--seats', '1')).toBe(2);
    expect(io.err).toContain('BAD_REQUEST');
    expect(await run('create', 'cls-x', '--course', 'no-such-thing', '--seats', '1')).toBe(2);
    expect(io.err).toContain('course step 1');
    expect(await run('create', 'cls-x', '--course', 'redis-worker-crash', '--seats', '0')).toBe(2);
    expect(await run('status', 'cls-none')).toBe(1);
    expect(io.err).toContain('CLASS_NOT_FOUND');
  });
});
