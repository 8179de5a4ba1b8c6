import { describe, expect, it } from 'vitest';
import { rememberedTerminals, rememberTerminals } from './terminal-memory';

/** This tab's sessionStorage, as far as the memory uses it. */
function storage(): Storage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k), clear: () => m.clear(), key: () => null, get length() { return m.size; } };
}

describe("the open terminals a browser tab remembers across a reload", () => {
  it('keeps each terminal\'s target, shell session and run, and the panes shown', () => {
    const s = storage();
    const r = { terminals: [{ key: 't3', target: { kind: 'container' as const, labId: 'shop', service: 'redis' }, sessionId: 'term-0a1b', runId: 'run-7' }], panes: ['t3'] };
    rememberTerminals(r, s);
    expect(rememberedTerminals(s)).toEqual(r);
  });

  it('treats anything it cannot read, or that is not a terminal, as nothing remembered', () => {
    const s = storage();
    expect(rememberedTerminals(s)).toEqual({ terminals: [], panes: [] });
    s.setItem('labdeck.terminals', '{not json');
    expect(rememberedTerminals(s).terminals).toEqual([]);
    s.setItem('labdeck.terminals', JSON.stringify({ terminals: [{ key: 't1', target: { kind: 'container', labId: 'shop', service: 'redis' }, sessionId: '../etc' }], panes: [] }));
    expect(rememberedTerminals(s).terminals).toEqual([]);
    expect(rememberedTerminals(undefined).terminals).toEqual([]);
  });
});
