import { describe, expect, it } from 'vitest';
import { paintMet, paintReport } from './report';

describe('the console paint report', () => {
  it('judges the p95 against the goal, not the median', () => {
    expect(paintMet({ name: 'Labs', ms: [100, 120, 130, 140, 1500], goalMs: 1000 })).toBe('NO');
    expect(paintMet({ name: 'Labs', ms: [100, 120, 130, 140, 900], goalMs: 1000 })).toBe('yes');
    expect(paintMet({ name: 'Labs', ms: [], goalMs: 1000 })).toBe('not measured');
    expect(paintMet({ name: 'floor', ms: [50] })).toBe('—');
  });

  it('prints each page against the floor', () => {
    const lines = paintReport({ name: 'static page FCP', ms: [50, 50, 50] }, [{ name: 'Labs cards', ms: [200, 200, 300], goalMs: 1000 }], 3, '0.50');
    expect(lines.join('\n')).toContain('| Labs cards | 200 | 300 | 4.00 | < 1000 ms | yes |');
    expect(lines.join('\n')).toContain('| static page FCP | 50 | 50 | 1.00 | floor | — |');
  });
});
