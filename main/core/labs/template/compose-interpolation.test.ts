import { describe, expect, it } from 'vitest';
import { interpolateString } from './compose-interpolation';

const env: Record<string, string> = { SET: 'v', EMPTY: '', PORT: '8080' };
const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
const value = (text: string) => interpolateString(text, lookup).value;
const problems = (text: string) => interpolateString(text, lookup).problems.map((p) => `${p.severity} ${p.token} ${p.message}`);

describe('Compose interpolation', () => {
  it.each([
    ['${SET}', 'v'],
    ['$SET', 'v'],
    ['a-$SET-b', 'a-v-b'],
    ['${SET:-d}', 'v'],
    ['${EMPTY:-d}', 'd'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?msg}', 'v'],
    ['${EMPTY?msg}', ''],
    ['$$', '$'],
    ['$${SET}', '${SET}'],
    ['$$SET', '$SET'],
    ['${UNSET:-${SET}-x}', 'v-x'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-a}}', 'a}'],
    ['http://${SET}:${PORT}/', 'http://v:8080/'],
    ['no dollars', 'no dollars'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('warns about an unset variable without a default, naming it, and leaves no ${ behind', () => {
    expect(interpolateString('x${NOPE}y', lookup)).toEqual({
      value: 'xy',
      problems: [expect.objectContaining({ severity: 'warning', token: '${NOPE', message: expect.stringContaining('NOPE is not set') })],
    });
    expect(problems('$NOPE')).toEqual(['warning $NOPE variable NOPE is not set: it becomes an empty string']);
  });

  it('errors on ? forms with the message, and only when unset (?) or unset/empty (:?)', () => {
    expect(problems('${UNSET:?give me UNSET}')).toEqual(['error ${UNSET required variable UNSET is not set: give me UNSET']);
    expect(problems('${EMPTY:?must not be empty}')).toEqual(['error ${EMPTY required variable EMPTY is empty: must not be empty']);
    expect(problems('${UNSET?}')).toEqual(['error ${UNSET required variable UNSET is not set']);
    expect(problems('${EMPTY?x}')).toEqual([]);
  });

  it('refuses malformed templates instead of passing them through', () => {
    expect(problems('${SET')[0]).toMatch(/^error \$\{ unclosed/);
    expect(problems('${1BAD}')[0]).toMatch(/^error .* invalid interpolation/);
    expect(problems('${SET:x}')[0]).toMatch(/invalid interpolation/);
    expect(problems('echo $1')[0]).toMatch(/lone `\$`/);
    expect(problems('price $')[0]).toMatch(/lone `\$`/);
  });

  it('gives every problem a hint', () => {
    for (const text of ['${NOPE}', '${NOPE:?m}', '${SET', '$1']) {
      for (const p of interpolateString(text, lookup).problems) expect(p.hint.length).toBeGreaterThan(10);
    }
  });
});
