import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomRangeField } from './range-picker';
import { rangeProblem } from './range-query';

describe('a custom dashboard range', () => {
  it('refuses "banana" with a message that says what a range looks like', () => {
    expect(rangeProblem('banana')).toMatch(/"banana" is not a duration: type a number and a unit \(s, m, h or d\), as in 90s, 30m/);
    expect(rangeProblem('2s')).toBe('A range is from 10s to 7d');
    expect(rangeProblem('30d')).toBe('A range is from 10s to 7d');
    for (const ok of ['', '30m', '1h30m']) expect(rangeProblem(ok)).toBeUndefined();
  });
  it('shows the refusal as an alert the field is described by', () => {
    const html = renderToStaticMarkup(<CustomRangeField text="banana" refused={rangeProblem('banana')} onText={() => {}} onApply={() => {}} />);
    expect(html).toContain('aria-invalid="true"');
    const described = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(described).toBeTruthy();
    expect(html).toMatch(new RegExp(`id="${described}" role="alert"[^>]*>&quot;banana&quot; is not a duration`));
  });
  it('says nothing while the range is good', () => {
    const html = renderToStaticMarkup(<CustomRangeField text="30m" onText={() => {}} onApply={() => {}} />);
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('aria-invalid');
  });
});
