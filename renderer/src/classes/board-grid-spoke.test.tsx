import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ClassBoard } from '../../../main/api/schemas/classes';
import { BoardGrid } from './board-grid';

const noop = { message: () => undefined, reset: () => undefined, revoke: () => undefined, watch: () => undefined };
const cell = { step: 0, status: 'passed' as const, tasksPassed: 2, tasksTotal: 2, hintsUsed: 0, failedChecks: 0, score: 100 };

describe('BoardGrid, spoke seats', () => {
  it('marks a seat played on the trainee’s own Labdeck as a spoke, connected or not, its cells as a local seat’s', () => {
    const board: ClassBoard = {
      at: '2026-01-01T00:00:00Z',
      class: { name: 'cls-b', course: [{ kind: 'scenario', name: 'redis-worker-crash' }], seats: 3, state: 'running', createdAt: '2026-01-01T00:00:00Z' },
      rows: [
        { seat: 'cls-b-1', n: 1, state: 'open', watched: false, spoke: { connected: true, events: 22 }, cells: [cell] },
        { seat: 'cls-b-2', n: 2, state: 'open', watched: false, spoke: { connected: false, events: 3 }, cells: [cell] },
        { seat: 'cls-b-3', n: 3, state: 'open', watched: false, cells: [cell] },
      ],
    };
    const html = renderToStaticMarkup(<BoardGrid board={board} actions={noop} />);
    expect(html).toContain('cls-b-1 · spoke<');
    expect(html).toContain('cls-b-2 · spoke (not connected)');
    expect(html).not.toContain('cls-b-3 · spoke');
    expect(html).toContain('aria-label="cls-b-1 step 1: passed"');
    expect(html).toContain('on the trainee&#x27;s machine');
  });
});
