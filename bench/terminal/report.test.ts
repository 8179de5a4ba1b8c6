import { describe, expect, it } from 'vitest';
import { echoVerdict } from './report';

describe('the terminal bench echo verdict', () => {
  it('counts keys that never echoed in the p95 instead of dropping them', () => {
    const fast = Array.from({ length: 100 }, () => 5);
    expect(echoVerdict(fast)).toBe('met');
    // 6 of 100 keys lost: dropped, the p95 of the rest would be 5 ms and "met".
    const lost = [...fast.slice(0, 94), ...Array.from({ length: 6 }, () => Number.POSITIVE_INFINITY)];
    expect(echoVerdict(lost)).toBe('NOT met; 6 of 100 keys never echoed');
    expect(echoVerdict([...fast.slice(0, 99), Number.POSITIVE_INFINITY])).toBe('met; 1 of 100 keys never echoed');
    expect(echoVerdict([])).toBe('not measured');
  });
});
