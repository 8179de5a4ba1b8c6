import { describe, expect, it } from 'vitest';
import { events, methods } from './contract';
import { EVENT_NAMES, METHOD_NAMES } from './names';

describe('contract', () => {
  it('defines exactly the method names the preload is generated from', () => {
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('defines exactly the event names the preload forwards', () => {
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('gives every method an input schema that rejects a non-object payload', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input.safeParse('rm -rf /').success, name).toBe(false);
      expect(spec.doc.length, name).toBeGreaterThan(5);
    }
  });
});
