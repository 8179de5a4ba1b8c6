import { describe, expect, it } from 'vitest';
import { initialDashboard, rememberDashboard, rememberedDashboard } from './dashboard-choice';

/** A Storage as the browser's behaves (strings in, strings out). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const DASHBOARDS = [{ name: 'overview' }, { name: 'redis-streams' }, { name: 'redis-memory' }];

describe("the dashboard a lab opens on", () => {
  it("is the lab's own dashboard, not the generic overview", () => {
    expect(initialDashboard(DASHBOARDS)).toBe('redis-streams');
    expect(initialDashboard(DASHBOARDS, undefined, 'memory')).toBe('redis-memory');
    // a lab whose template names none has only the overview
    expect(initialDashboard([{ name: 'overview' }])).toBe('overview');
    expect(initialDashboard([])).toBeUndefined();
  });
  it("is the user's last pick for that lab, while the lab still has it", () => {
    const s = memoryStorage();
    rememberDashboard('lab-a', 'overview', s);
    rememberDashboard('lab-b', 'redis-memory', s);
    expect(initialDashboard(DASHBOARDS, rememberedDashboard('lab-a', s))).toBe('overview');
    expect(initialDashboard(DASHBOARDS, rememberedDashboard('lab-b', s))).toBe('redis-memory');
    expect(initialDashboard(DASHBOARDS, rememberedDashboard('lab-c', s))).toBe('redis-streams');
    expect(initialDashboard(DASHBOARDS, 'gone')).toBe('redis-streams');
  });
  it('reads anything unreadable as no pick, and keeps the last 100 labs', () => {
    const s = memoryStorage();
    s.setItem('labdeck.dashboards', '{not json');
    expect(rememberedDashboard('lab-a', s)).toBeUndefined();
    s.setItem('labdeck.dashboards', JSON.stringify({ 'lab-a': 42 }));
    expect(rememberedDashboard('lab-a', s)).toBeUndefined();
    for (let i = 0; i < 105; i++) rememberDashboard(`lab-${i}`, 'overview', s);
    expect(rememberedDashboard('lab-0', s)).toBeUndefined();
    expect(rememberedDashboard('lab-104', s)).toBe('overview');
    expect(Object.keys(JSON.parse(s.getItem('labdeck.dashboards')!))).toHaveLength(100);
    // a full storage loses the pick, not the page
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } } as Storage;
    expect(() => rememberDashboard('lab-a', 'overview', full)).not.toThrow();
  });
});
