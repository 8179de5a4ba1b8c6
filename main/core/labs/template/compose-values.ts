/** Plain Compose value syntaxes: durations, sizes, command strings, and small shape helpers. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Compose boolean: `true`, or the string `"true"` (what `${VAR}` gives; the schema allows both). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** The strings of a list, skipping anything else (the schema check reports wrong types). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const DURATION_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** A Go/Compose duration (`1m30s`, `10s`, `500ms`, `1h`, `2.5s`, `0`) in whole milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (!s) return undefined;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(s);
    if (!m) return undefined;
    total += Number.parseFloat(m[1]) * DURATION_MS[m[2]];
    pos = DURATION_PART.lastIndex;
  }
  return Math.round(total);
}

export const DURATION_HINT = 'use a duration like 500ms, 10s, 1m30s or 1h';

const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const SIZE_POWER: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/** A Docker size (`512m`, `1g`, `1024k`, `100b`, `1.5gb`, or a plain number of bytes) in bytes; undefined when malformed. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = SIZE.exec(value.trim());
  if (!m) return undefined;
  const power = m[2] ? SIZE_POWER[m[2].toLowerCase()] : 0;
  return Math.round(Number.parseFloat(m[1]) * 1024 ** power);
}

export const SIZE_HINT = 'use a size like 512m, 1g, 1024k, 100b or a number of bytes';

/** A CPU count from a number or a numeric string; undefined when not a positive number. */
export function parseCpus(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export type ArgvResult = { argv: string[] } | { error: string };

/**
 * Splits a command string into argv the way a POSIX shell tokenises words, without running a shell:
 * whitespace separates, single quotes are literal, double quotes allow `\"` `\\` `\$` and `` \` `` escapes,
 * a backslash outside quotes escapes the next character. No expansion of any kind.
 */
export function splitArgv(text: string): ArgvResult {
  const argv: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      word = (word ?? '') + (i + 1 < text.length ? text[++i] : '\\');
    } else if (/\s/.test(c)) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) return { error: `unclosed ${quote === '"' ? 'double' : 'single'} quote in ${JSON.stringify(text)}` };
  if (word !== undefined) argv.push(word);
  return { argv };
}
