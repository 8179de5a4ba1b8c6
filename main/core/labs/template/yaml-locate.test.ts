import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatPath, locate, scalarSource } from './yaml-locate';

const TEXT = ['services:', '  web:', '    image: nginx', '    ports:', '      - "8080:80"', '      - 9090', '  empty:', 'x-base: &b', '  mode: 0440', 'copy: *b', ''].join('\n');

function doc() {
  const lineCounter = new LineCounter();
  return { d: parseDocument(TEXT, { lineCounter }), lineCounter };
}

describe('formatPath', () => {
  it('writes dotted keys and indexes, quoting keys that are not plain words', () => {
    expect(formatPath(['services', 'web', 'ports', 0])).toBe('services.web.ports[0]');
    expect(formatPath(['services', 'my.svc', 'image'])).toBe('services["my.svc"].image');
    expect(formatPath([])).toBe('');
  });
});

describe('locate', () => {
  const { d, lineCounter } = doc();

  it('finds values, sequence items and keys (1-based)', () => {
    expect(locate(d, lineCounter, ['services', 'web', 'image'])).toEqual({ line: 3, col: 12 });
    expect(locate(d, lineCounter, ['services', 'web', 'image'], { key: true })).toEqual({ line: 3, col: 5 });
    expect(locate(d, lineCounter, ['services', 'web', 'ports', 1])).toEqual({ line: 6, col: 9 });
  });

  it('falls back to the nearest existing parent, at its key', () => {
    expect(locate(d, lineCounter, ['services', 'web', 'healthcheck', 'interval'])).toEqual({ line: 2, col: 3 });
    expect(locate(d, lineCounter, ['services', 'web', 'ports', 7])).toEqual({ line: 4, col: 5 });
    expect(locate(d, lineCounter, ['nothing'])).toEqual({ line: 1, col: 1 });
  });

  it('points an empty value at its key, and walks through aliases', () => {
    expect(locate(d, lineCounter, ['services', 'empty'])).toEqual({ line: 7, col: 3 });
    expect(locate(d, lineCounter, ['copy', 'mode'])).toEqual({ line: 9, col: 9 });
    expect(scalarSource(d, ['x-base', 'mode'])).toBe('0440');
  });
});
