import type { Cast } from '../../api/asciicast';

/** The part of an xterm (the renderer's, or @xterm/headless in tests) a replay drives. */
export interface ScreenTerminal {
  write(data: string | Uint8Array, callback?: () => void): void;
  resize(cols: number, rows: number): void;
  readonly buffer: { active: { viewportY: number; getLine(y: number): { translateToString(trim?: boolean): string } | undefined } };
  readonly rows: number;
}

/** Writes and waits until the terminal has parsed it. */
export const writeParsed = (t: ScreenTerminal, data: string | Uint8Array): Promise<void> => new Promise((r) => t.write(data, r));

/** The visible screen as text: one line per row, trailing spaces trimmed. */
export function screenText(t: ScreenTerminal): string {
  const b = t.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < t.rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/**
 * Replays a cast into a terminal made at the header's size, applying output and resize events in
 * order (no waiting between them), and returns the final screen text.
 */
export async function replayToScreen(cast: Cast, make: (cols: number, rows: number) => ScreenTerminal): Promise<string> {
  const t = make(cast.header.width, cast.header.height);
  for (const e of cast.events) {
    if (e.code === 'o') await writeParsed(t, e.data);
    else if (e.code === 'r') {
      const m = /^(\d+)x(\d+)$/.exec(e.data);
      if (m) t.resize(Number(m[1]), Number(m[2]));
    }
  }
  return screenText(t);
}
