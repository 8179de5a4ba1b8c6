import { describe, expect, it } from 'vitest';
import { median, met, reportLines } from './report';

const floor = { name: 'node -e 0', ms: [40, 60, 50], rssMb: [40, 41, 40] };

describe('the CLI start bench report', () => {
  it('takes the median of odd and even run counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('meets a goal only when both the median time and the peak memory are under it', () => {
    expect(met({ name: 'help', ms: [100, 200, 120], rssMb: [50, 60, 55], goalMs: 150, goalMb: 80 })).toBe('yes');
    expect(met({ name: 'help', ms: [100, 200, 160], rssMb: [50, 60, 55], goalMs: 150, goalMb: 80 })).toBe('NO (time)');
    expect(met({ name: 'help', ms: [100, 100, 100], rssMb: [50, 90, 55], goalMs: 150, goalMb: 80 })).toBe('NO (memory)');
    expect(met(floor)).toBe('—');
  });

  it('prints each command as a ratio of the floor measured in the same run', () => {
    const lines = reportLines(floor, [{ name: 'labdeck --help', ms: [100, 100, 100], rssMb: [45, 46, 47], goalMs: 150, goalMb: 80 }], 3, '0.5');
    expect(lines[4]).toBe('| node -e 0 | 50 | 1.00 | 41 | floor | — |');
    expect(lines[5]).toBe('| labdeck --help | 100 | 2.00 | 47 | < 150 ms, < 80 MB | yes |');
  });
});
