import { RE2JS } from 're2js';

/** The most of a probe's output a regex reads: linear time still grows with the input, and a probe runs every second. */
export const MAX_REGEX_INPUT = 256 * 1024;

export type RegexFlags = 'm' | '';

/**
 * Authors write JavaScript-style patterns; they run on RE2, whose time is linear in the input,
 * so `(a+)+$` on a long line cannot stall the event loop (and with it every timeout and signal
 * handler of the run). What RE2 cannot do — backreferences, lookaround — is refused when the
 * scenario loads, never half-supported at run time.
 */
export function compileProbeRegex(source: string, flags: RegexFlags = ''): RE2JS {
  try {
    return RE2JS.compile(source, flags === 'm' ? RE2JS.MULTILINE : 0);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    throw new Error(`not a regular expression probes can run: /${source}/: ${why} (probes use RE2 syntax, which has no backreferences like \\1 and no lookahead (?=…) or lookbehind (?<=…))`);
  }
}

const cache = new Map<string, RE2JS>();

/** Whether `text` (its first MAX_REGEX_INPUT characters) has a match of the pattern. */
export function regexFinds(source: string, text: string, flags: RegexFlags = ''): boolean {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (!re) {
    re = compileProbeRegex(source, flags);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.matcher(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text).find();
}
