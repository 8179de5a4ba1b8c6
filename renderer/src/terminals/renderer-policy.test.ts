import { describe, expect, it } from 'vitest';
import { RendererPolicy } from './renderer-policy';

describe('which renderer a terminal gets', () => {
  it('gives WebGL to visible terminals only, one context each, and never more than the cap', () => {
    const p = new RendererPolicy(2);
    expect(p.want('a', false)).toBe('dom');
    expect(p.want('a', true)).toBe('webgl');
    p.acquired('a');
    expect(p.want('a', true)).toBe('webgl');
    expect(p.want('b', true)).toBe('webgl');
    p.acquired('b');
    p.acquired('b'); // a second report of the same terminal is still one context
    expect(p.contexts).toBe(2);
    expect(p.want('c', true)).toBe('dom'); // past the cap: DOM, not a third context
    expect(p.want('a', false)).toBe('dom');
    p.released('a');
    expect(p.contexts).toBe(1);
    expect(p.want('c', true)).toBe('webgl');
  });

  it('after a failed load, uses the DOM renderer for that terminal and every later one', () => {
    const p = new RendererPolicy();
    p.acquired('a');
    p.loadFailed('b');
    expect(p.webglBroken).toBe(true);
    expect(p.want('b', true)).toBe('dom');
    expect(p.want('c', true)).toBe('dom');
    expect(p.want('a', true)).toBe('dom'); // a terminal shown again does not retry either
    expect(p.contexts).toBe(1); // 'a' still holds its context until it is hidden
    p.released('a');
    expect(p.contexts).toBe(0);
  });

  it('after a lost context, only that terminal falls back, and only until it is hidden and shown again', () => {
    const p = new RendererPolicy();
    p.acquired('a');
    p.contextLost('a');
    expect(p.contexts).toBe(0);
    expect(p.webglBroken).toBe(false);
    expect(p.want('a', true)).toBe('dom');
    expect(p.want('b', true)).toBe('webgl');
    expect(p.want('a', false)).toBe('dom');
    expect(p.want('a', true)).toBe('webgl');
  });
});
