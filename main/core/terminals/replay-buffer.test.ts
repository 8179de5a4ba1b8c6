import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay-buffer';

const b = (s: string) => Buffer.from(s);

describe('a session\'s replay buffer', () => {
  it('numbers output by byte offset and gives a page that comes back only what is newer', () => {
    const r = new ReplayBuffer(1024);
    r.push(b('$ '));
    r.push(b('export X=42\r\n'));
    expect(r.seq).toBe(15);
    const seen = r.seq;
    r.push(b('$ '));
    r.push(b('echo $X\r\n42\r\n'));
    const replay = r.after(seen);
    expect(replay.bytes.toString()).toBe('$ echo $X\r\n42\r\n');
    expect([replay.from, replay.to]).toEqual([15, r.seq]);
    expect(r.after(r.seq).bytes.length).toBe(0);
    expect(r.after(0).bytes.toString()).toBe('$ export X=42\r\n$ echo $X\r\n42\r\n');
  });

  it('keeps whole chunks within its bound, always the newest one; a page further behind gets all that is kept and learns what was lost', () => {
    const r = new ReplayBuffer(10);
    for (const s of ['aaaa', 'bbbb', 'cccc', 'dddd']) r.push(b(s));
    // 16 bytes pushed, bound 10: the two oldest chunks went, whole
    expect(r.oldest).toBe(8);
    const replay = r.after(2);
    expect(replay.bytes.toString()).toBe('ccccdddd');
    expect(replay.from).toBe(8);
    r.push(b('x'.repeat(50)));
    expect(r.after(0).bytes.toString()).toBe('x'.repeat(50));
    expect(r.oldest).toBe(16);
  });

  it('clamps a hostile or odd offset: negative, past the end, inside a chunk', () => {
    const r = new ReplayBuffer(100);
    r.push(b('hello '));
    r.push(b('world'));
    expect(r.after(-5).bytes.toString()).toBe('hello world');
    expect(r.after(1e12).bytes.length).toBe(0);
    expect(r.after(1e12).to).toBe(11);
    // no page was sent part of a chunk; one that says so gets that chunk whole
    expect(r.after(8).bytes.toString()).toBe('world');
    expect(r.after(8).from).toBe(6);
    r.push(b(''));
    expect(r.seq).toBe(11);
  });
});
