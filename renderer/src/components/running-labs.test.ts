import { describe, expect, it } from 'vitest';
import type { LabSummary } from '../../../main/api/schemas/labs';
import { runningLabsText } from './running-labs';

const lab = (labId: string, running: number, owner?: 'own' | 'other'): LabSummary => ({ labId, state: running ? 'healthy' : 'stopped', containers: 4, running, ...(owner ? { owner } : {}) });

describe('the header\'s running count', () => {
  it('counts the labs with a container up, not containers, and leaves out another Labdeck\'s labs', () => {
    expect(runningLabsText([lab('shop', 4), lab('cache', 1, 'own'), lab('old', 0), lab('theirs', 3, 'other')])).toBe('2 labs running');
    expect(runningLabsText([lab('shop', 4)])).toBe('1 lab running');
    expect(runningLabsText([])).toBe('0 labs running');
    expect(runningLabsText(null)).toBeNull();
  });
});
