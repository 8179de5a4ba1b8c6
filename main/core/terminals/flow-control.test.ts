import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control';

function source() {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

describe('FlowControl', () => {
  it('pauses above the high watermark and resumes only below the low one', () => {
    const s = source();
    const f = new FlowControl(s, 100, 20);
    f.sent(60);
    f.sent(40);
    expect(s.calls).toEqual([]);
    f.sent(1);
    expect(s.calls).toEqual(['pause']);
    f.sent(500);
    expect(s.calls).toEqual(['pause']);
    f.acked(500);
    expect(f.pending).toBe(101);
    expect(s.calls).toEqual(['pause']);
    f.acked(82);
    expect(s.calls).toEqual(['pause', 'resume']);
    expect(f.isPaused).toBe(false);
  });

  it('never counts below zero, and release resumes a paused source', () => {
    const s = source();
    const f = new FlowControl(s, 10, 5);
    f.acked(50);
    expect(f.pending).toBe(0);
    f.sent(11);
    f.release();
    expect(s.calls).toEqual(['pause', 'resume']);
    expect(f.pending).toBe(0);
  });

  it('refuses watermarks the wrong way round', () => {
    expect(() => new FlowControl(source(), 5, 10)).toThrow(/low watermark/);
  });
});
