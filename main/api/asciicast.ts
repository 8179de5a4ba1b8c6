/** Reading asciicast v2 (pure: core, tests and the renderer's replay share it). */
export interface CastEvent {
  time: number;
  code: string;
  data: string;
}

export interface Cast {
  header: { version: number; width: number; height: number; timestamp?: number; title?: string };
  events: CastEvent[];
}

/** Parses an asciicast v2 file; a bad line is reported with its number. */
export function parseCast(text: string): Cast {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('empty asciicast file');
  const header = JSON.parse(lines[0]) as Cast['header'];
  if (header.version !== 2) throw new Error(`line 1: asciicast version ${String(header.version)}, only 2 is read`);
  const events = lines.slice(1).map((line, i) => {
    const v = JSON.parse(line) as unknown;
    if (!Array.isArray(v) || typeof v[0] !== 'number' || typeof v[1] !== 'string' || typeof v[2] !== 'string') {
      throw new Error(`line ${i + 2}: not an asciicast v2 event`);
    }
    return { time: v[0], code: v[1], data: v[2] };
  });
  return { header, events };
}
