import { describe, expect, it } from 'vitest';
import { Probe } from '../../../api/schemas/scenarios';
import { meets, valueAt } from './inspect-probe';

const INSPECT = {
  Config: { User: 'node', Env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2'] },
  HostConfig: { ReadonlyRootfs: false, CapAdd: null, CapDrop: ['ALL'], Memory: 0, SecurityOpt: ['no-new-privileges:true'] },
  Mounts: [{ Type: 'volume', RW: true }],
};

const probe = (op: Record<string, unknown>, path = 'HostConfig.ReadonlyRootfs') => {
  const parsed = Probe.parse({ name: 'p', type: 'inspect', target: { service: 'web' }, path, ...op });
  if (parsed.type !== 'inspect') throw new Error('not an inspect probe');
  return parsed;
};
const check = (path: string, op: Record<string, unknown>) => meets(probe(op, path), valueAt(INSPECT, path));

describe('the inspect probe', () => {
  it('reads dotted paths, numeric segments into lists', () => {
    expect(valueAt(INSPECT, 'Config.User')).toBe('node');
    expect(valueAt(INSPECT, 'Mounts.0.RW')).toBe(true);
    expect(valueAt(INSPECT, 'HostConfig.Nope.Deeper')).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['HostConfig.ReadonlyRootfs', { equals: true }, false],
    ['HostConfig.ReadonlyRootfs', { equals: false }, true],
    ['Config.User', { notEquals: 'root' }, true],
    ['HostConfig.CapDrop', { contains: 'ALL' }, true],
    ['HostConfig.CapAdd', { notContains: 'ALL' }, true],
    ['HostConfig.CapAdd', { contains: 'ALL' }, false],
    ['Config.Env', { notContains: 'DB_PASSWORD=' }, false],
    ['Config.Env', { contains: 'PATH=/usr/bin' }, true],
    ['HostConfig.SecurityOpt', { contains: 'no-new-privileges' }, true],
    ['HostConfig.Memory', { greaterThan: 0 }, false],
    ['HostConfig.CapAdd', { exists: false }, true],
    ['Config.User', { exists: true }, true],
  ])('%s %j → %s', (path, op, ok) => {
    expect(check(path, op).ok).toBe(ok);
  });

  it('takes exactly one operator and a dotted path', () => {
    expect(Probe.safeParse({ name: 'p', type: 'inspect', target: { service: 'web' }, path: 'A.B' }).success).toBe(false);
    expect(Probe.safeParse({ name: 'p', type: 'inspect', target: { service: 'web' }, path: 'A.B', equals: 1, exists: true }).success).toBe(false);
    expect(Probe.safeParse({ name: 'p', type: 'inspect', target: { service: 'web' }, path: 'A..B', equals: 1 }).success).toBe(false);
    expect(Probe.safeParse({ name: 'p', type: 'inspect', target: { service: 'web' }, path: 'HostConfig.Memory', greaterThan: 0 }).success).toBe(true);
  });
});
