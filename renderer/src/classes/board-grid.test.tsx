import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ClassBoard } from '../../../main/api/schemas/classes';
import { BoardGrid } from './board-grid';

const noop = { message: () => undefined, reset: () => undefined, revoke: () => undefined, watch: () => undefined };
const cell = (step: number, status: ClassBoard['rows'][number]['cells'][number]['status'], extra = {}) => ({ step, status, tasksPassed: 0, tasksTotal: 0, hintsUsed: 0, failedChecks: 0, ...extra });

describe('BoardGrid', () => {
  it('says each seat and step in words: passed, failed, hints, watched, revoked, its lab', () => {
    const board: ClassBoard = {
      at: '2026-01-01T00:00:00Z',
      class: { name: 'cls-a', course: [{ kind: 'scenario', name: 'redis-worker-crash' }, { kind: 'lab', name: 'redis-streams' }], seats: 2, state: 'running', createdAt: '2026-01-01T00:00:00Z' },
      rows: [
        { seat: 'cls-a-1', n: 1, state: 'open', watched: true, lab: { labId: 'cls-a-1-redis', state: 'healthy', running: 5, containers: 5 }, cells: [cell(0, 'passed', { tasksPassed: 2, tasksTotal: 2, hintsUsed: 1, elapsedMs: 61_000 }), cell(1, 'not-started')] },
        { seat: 'cls-a-2', n: 2, state: 'revoked', watched: false, cells: [cell(0, 'failed', { failedChecks: 3 }), cell(1, 'in-progress')] },
      ],
    };
    const html = renderToStaticMarkup(<BoardGrid board={board} actions={noop} />);
    expect(html).toContain('aria-label="cls-a-1 step 1: passed"');
    expect(html).toContain('tasks 2/2 · hints 1 · 61 s');
    expect(html).toContain('cls-a-1 · trainer watching');
    expect(html).toContain('cls-a-1-redis: healthy (5/5)');
    expect(html).toContain('cls-a-2 (revoked)');
    expect(html).toContain('aria-label="cls-a-2 step 1: failed"');
    expect(html).toContain('failed checks 3');
    expect(html).toContain('no lab');
  });
});
