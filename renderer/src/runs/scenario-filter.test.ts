import { describe, expect, it } from 'vitest';
import { filterScenarios } from './scenario-filter';

const S = [
  { name: 'redis-worker-crash', source: 'built-in' as const, title: 'A worker died between XREADGROUP and XACK', lab: 'redis-streams', difficulty: 'easy', tags: ['redis', 'streams'] },
  { name: 'k8s-oomkilled', source: 'built-in' as const, title: 'OOMKilled in a loop', lab: 'k3s-small', difficulty: 'medium', tags: ['kubernetes'] },
  { name: 'etcd-restore', source: 'user' as const, title: 'Réstore etcd', lab: 'etcd-cluster' },
];

describe('the scenario search', () => {
  it('keeps all with nothing typed', () => {
    expect(filterScenarios(S, '  ')).toBe(S);
  });
  it('matches title, name, lab, difficulty and tags, every word, case and accents ignored', () => {
    const names = (q: string) => filterScenarios(S, q).map((s) => s.name);
    expect(names('XACK')).toEqual(['redis-worker-crash']);
    expect(names('kubernetes')).toEqual(['k8s-oomkilled']);
    expect(names('redis easy')).toEqual(['redis-worker-crash']);
    expect(names('redis medium')).toEqual([]);
    expect(names('restore')).toEqual(['etcd-restore']);
    expect(names('ETCD-cluster')).toEqual(['etcd-restore']);
    expect(names('banana')).toEqual([]);
  });
});
