/**
 * k3d logs through logrus' text formatter with colours forced (cmd/root.go), info and debug on
 * stdout, warnings and errors on stderr: `INFO[0000] Prep: Network` (with LOG_TIMESTAMPS the bracket
 * holds a date), coloured with ANSI escapes, fields appended as ` key=value`.
 */
export type K3dLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'panic';

export interface K3dLogLine {
  level: K3dLevel;
  /** What is inside the brackets: seconds since start (`0003`) or a timestamp. */
  time?: string;
  message: string;
}

const LEVELS: Record<string, K3dLevel> = { TRAC: 'trace', DEBU: 'debug', INFO: 'info', WARN: 'warn', ERRO: 'error', FATA: 'fatal', PANI: 'panic' };
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const LINE = /^(TRAC|DEBU|INFO|WARN|ERRO|FATA|PANI)\[([^\]]*)\]\s?(.*)$/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** One line of k3d's output; a line in no logrus shape (a table, JSON) is kept as info, or as error when it came on stderr. */
export function parseK3dLine(raw: string, stream: 'stdout' | 'stderr' = 'stdout'): K3dLogLine | undefined {
  const line = stripAnsi(raw).replace(/\r$/, '').trimEnd();
  if (!line.trim()) return undefined;
  const m = LINE.exec(line);
  if (!m) return { level: stream === 'stderr' ? 'error' : 'info', message: line.trim() };
  return { level: LEVELS[m[1]], time: m[2], message: m[3].trim() };
}

/** The last error-level lines, for the message of a failed command (k3d's FATA line says why). */
export function failureSummary(lines: K3dLogLine[], max = 3): string | undefined {
  const bad = lines.filter((l) => l.level === 'error' || l.level === 'fatal' || l.level === 'panic');
  return bad.length ? bad.slice(-max).map((l) => l.message).join('; ') : undefined;
}
