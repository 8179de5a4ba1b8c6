import { describe, expect, it } from 'vitest';
import { compileProbeRegex, MAX_REGEX_INPUT, regexFinds } from './probe-regex';

describe('probe regexes on RE2', () => {
  it("runs a catastrophic backtracking pattern, (a+)+$ on 5,000 a's and a b, in linear time", () => {
    const text = `${'a'.repeat(5000)}b`;
    const t0 = performance.now();
    expect(regexFinds('(a+)+$', text, 'm')).toBe(false);
    expect(regexFinds('(a+)+b$', text, 'm')).toBe(true);
    // a backtracking engine takes longer than the age of the universe here
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('keeps the JavaScript meaning of the patterns authors write: ^ and $ per line with m, \\d, classes, alternation', () => {
    expect(regexFinds('^2$', '2\n', 'm')).toBe(true);
    expect(regexFinds('^0$', 'x\n0\ny', 'm')).toBe(true);
    expect(regexFinds('^0$', 'x\n0\ny')).toBe(false);
    expect(regexFinds('"maxLen":[1-9]', '{"maxLen":5}')).toBe(true);
    expect(regexFinds('alarm:(NOSPACE|CORRUPT)\\s*$', 'memberID:1 alarm:NOSPACE \n', 'm')).toBe(true);
    expect(regexFinds('(?i)pong', 'PONG')).toBe(true);
  });

  it('refuses, naming the pattern, what RE2 cannot run: backreferences, lookahead, lookbehind, bad syntax', () => {
    for (const p of ['(a)\\1', '(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b', '[']) {
      expect(() => compileProbeRegex(p, 'm'), p).toThrow(`/${p}/`);
    }
    expect(() => compileProbeRegex('(a)\\1')).toThrow(/not a regular expression probes can run: .*no backreferences/);
  });

  it('reads at most MAX_REGEX_INPUT characters of a huge output', () => {
    const huge = `${'x'.repeat(MAX_REGEX_INPUT)}needle`;
    expect(regexFinds('needle', huge)).toBe(false);
    expect(regexFinds('needle', huge.slice(10))).toBe(true);
  });
});
