import { describe, expect, it } from 'vitest';
import type { LiveResults } from './live-bench';
import { cpuVerdict, leakVerdict } from './verdicts';

const sample = (minute: number, used = 50e6) => ({ minute, used, nodes: 900, listeners: 40, serveRss: 80e6, points: 1000 });
const cpu = { serve: 2, renderer: 3 } as LiveResults['cpu'];

describe('the dashboard bench verdicts', () => {
  it('prints no leak verdict from fewer than three heap readings', () => {
    expect(leakVerdict([])).toMatch(/^not measured \(0 heap readings/);
    expect(leakVerdict([sample(1), sample(2)])).toMatch(/^not measured \(2 heap readings; 3 or more needed\)/);
    expect(leakVerdict([sample(1), sample(2), sample(3)])).toBe('MET');
    expect(leakVerdict([1, 2, 3, 4, 5].map((m) => sample(m, 50e6 + m * 5e6)))).toBe('NOT MET');
  });

  it('judges CPU only when every panel drew points', () => {
    expect(cpuVerdict({ cpu, panelsShown: 24, panelsWithPoints: 24 })).toBe('MET');
    expect(cpuVerdict({ cpu: { ...cpu, renderer: 9 }, panelsShown: 24, panelsWithPoints: 24 })).toBe('NOT MET');
    expect(cpuVerdict({ cpu, panelsShown: 24, panelsWithPoints: 20 })).toMatch(/^not measured \(20 of 24 panels had points/);
    expect(cpuVerdict({ cpu, panelsShown: 0, panelsWithPoints: 0 })).toMatch(/^not measured/);
  });
});
