import type { Terminal } from '@xterm/xterm';

/** The rows on screen as text, trailing blanks trimmed, read from xterm's buffer (not from what a renderer drew). */
export function screenLines(term: Pick<Terminal, 'buffer' | 'rows'>): string[] {
  const b = term.buffer.active;
  const out: string[] = [];
  for (let y = b.viewportY; y < b.viewportY + term.rows; y++) out.push(b.getLine(y)?.translateToString(true) ?? '');
  return out;
}
