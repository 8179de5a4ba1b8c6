import { describe, expect, it } from 'vitest';
import { reportLines } from './report';
import type { CaseResult } from './run-case';

const row = (r: Partial<CaseResult>): string => reportLines('docker', '27', 3, [{ name: 'x', goalMs: 1000, effectMs: [10, 20, 30], revertMs: [5, 5, 5], how: 'on return', ...r }])[4];
const metColumn = (line: string): string => line.split('|')[6].trim();

describe('the faults bench verdict', () => {
  it('says met only when the effect was seen (polled, or checked after inject returned)', () => {
    expect(metColumn(row({ how: 'polled' }))).toBe('yes');
    expect(metColumn(row({ verified: true }))).toBe('yes');
    expect(metColumn(row({ verified: true, effectMs: [1500, 1500, 1500] }))).toBe('NO');
  });

  it('prints no verdict from inject() returning when the effect check failed or there is none', () => {
    expect(metColumn(row({ verified: false }))).toBe('NO (no effect seen)');
    expect(metColumn(row({ verified: undefined }))).toBe('not measured');
    expect(row({ verified: undefined })).toMatch(/\| no check \|$/);
  });
});
