import { describe, expect, it } from 'vitest';
import { FaultSpec } from './fault-model';
import { durationMs, faultFromStep } from './fault-step';

describe('faultFromStep', () => {
  it('maps the scenario format\'s actions onto fault kinds, with the duration in ms', () => {
    expect(faultFromStep({ action: 'kill', target: { service: 'worker', replica: 'random' }, duration: '1m30s' })).toEqual({ kind: 'kill', target: { service: 'worker', replica: 'random' }, params: {}, durationMs: 90_000 });
    expect(faultFromStep({ action: 'disk-fill', target: { service: 'redis' }, params: { path: '/data', size: '100m' } })).toMatchObject({ kind: 'disk' });
    expect(faultFromStep({ action: 'limits', target: { service: 'redis' }, params: { memory: '64m' } })).toMatchObject({ kind: 'limit' });
    expect(faultFromStep({ action: 'stress', target: { service: 'a' }, params: { cpu: 2 } })).toMatchObject({ kind: 'cpu', params: { workers: 2 } });
    expect(faultFromStep({ action: 'stress', target: { service: 'a' }, params: { memory: '32m' } })).toMatchObject({ kind: 'memory', params: { size: '32m' } });
    for (const action of ['kill', 'disk-fill', 'stress']) {
      const params = action === 'disk-fill' ? { path: '/d', size: '1m' } : action === 'stress' ? { cpu: 1 } : {};
      expect(FaultSpec.safeParse(faultFromStep({ action, target: { service: 'a' }, params })).success).toBe(true);
    }
  });

  it('names an unknown action, an ambiguous stress and a bad duration', () => {
    expect(() => faultFromStep({ action: 'explode', target: { service: 'a' } })).toThrow(/unknown fault "explode"; known: kill, stop/);
    expect(() => faultFromStep({ action: 'stress', target: { service: 'a' }, params: { cpu: 1, memory: '1m' } })).toThrow(/either cpu .* or memory/);
    expect(() => faultFromStep({ action: 'pause', target: { service: 'a' }, duration: 'soon' })).toThrow(/duration like 30s/);
  });

  it('reads durations', () => {
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1h2m3s')).toBe(3_723_000);
    expect(durationMs('10')).toBeNaN();
  });
});
