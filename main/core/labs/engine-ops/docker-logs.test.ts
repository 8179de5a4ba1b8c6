import { describe, expect, it } from 'vitest';
import { demuxLogs } from './docker-logs';

const frame = (stream: number, text: string): Buffer => {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('demuxLogs', () => {
  it('joins stdout and stderr frames in order', () => {
    expect(demuxLogs(Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]))).toBe('out 1\nerr 1\nout 2\n');
  });

  it('returns TTY logs unchanged', () => {
    expect(demuxLogs(Buffer.from('plain tty output\n'))).toBe('plain tty output\n');
  });
});
