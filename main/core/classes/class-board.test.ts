import { describe, expect, it } from 'vitest';
import type { ClassSummary } from '../../api/schemas/classes';
import type { RunSummary, RunView } from '../../api/schemas/runs';
import { buildBoard } from './class-board';
import { csvField, scoresCsv } from './class-export';

const cls: ClassSummary = { name: 'cls-b', course: [{ kind: 'scenario', name: 'redis-worker-crash' }, { kind: 'lab', name: 'redis-streams' }], seats: 2, state: 'running', createdAt: '2026-01-01T00:00:00Z' };
const run = (id: string, labId: string, state: RunSummary['state'], startedAt: string): RunSummary => ({ id, scenario: 'redis-worker-crash', labId, mode: 'training', state, startedAt, score: state === 'passed' ? 90 : undefined, ttdMs: 4000 });
const view = (passed: number): RunView =>
  ({
    tasks: [
      { id: 'a', prompt: '', detects: true, hintsTotal: 2, hints: [{ text: 'h', cost: 5 }], state: passed > 0 ? 'passed' : 'open', failedAttempts: 1 },
      { id: 'b', prompt: '', detects: false, hintsTotal: 0, hints: [], state: passed > 1 ? 'passed' : 'open', failedAttempts: 0 },
    ],
    timer: { elapsedMs: 30_000, limitMs: 0, paused: false },
  }) as unknown as RunView;

describe('buildBoard', () => {
  it("shows each seat's latest attempt of each step, only from runs on labs the seat owns", async () => {
    const runs = [run('r3', 'cls-b-2-x', 'running', '3'), run('r2', 'cls-b-1-x', 'passed', '2'), run('r1', 'cls-b-1-x', 'failed', '1'), run('r0', 'other-lab', 'passed', '0')];
    const rows = await buildBoard(
      cls,
      [
        { id: 'cls-b-1', n: 1, state: 'open', labs: ['cls-b-1-x'], watched: false },
        { id: 'cls-b-2', n: 2, state: 'open', labs: ['cls-b-2-x', 'cls-b-2-streams'], watched: true },
      ],
      {
        runs: async () => runs,
        view: async (id) => view(id === 'r2' ? 2 : 0),
        labs: async () => [{ labId: 'cls-b-2-streams', template: 'redis-streams', state: 'healthy', containers: 4, running: 4 }],
      },
    );
    expect(rows[0]!.cells[0]).toMatchObject({ status: 'passed', runId: 'r2', tasksPassed: 2, tasksTotal: 2, hintsUsed: 1, failedChecks: 1, score: 90 });
    expect(rows[0]!.cells[1]).toMatchObject({ status: 'not-started' });
    expect(rows[1]!.cells[0]).toMatchObject({ status: 'in-progress', runId: 'r3', tasksPassed: 0 });
    expect(rows[1]!.cells[1]).toMatchObject({ status: 'passed', labId: 'cls-b-2-streams' });
    expect(rows[1]!.lab).toMatchObject({ labId: 'cls-b-2-streams', state: 'healthy' });
    const csv = scoresCsv({ class: cls, rows, at: 'now' });
    expect(csv.split('\r\n')[1]).toBe('cls-b-1,1,scenario,redis-worker-crash,passed,r2,90,2,2,1,1,30000,4000');
  });

  it('quotes CSV fields and defuses a leading = + - @ so a spreadsheet does not run a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });
});
