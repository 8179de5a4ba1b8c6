/**
 * Compose variable interpolation (the Compose Specification's "Interpolation" section, as `docker compose`
 * does it): `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`,
 * `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, and `${…}` nested inside defaults.
 */

export type Lookup = (name: string) => string | undefined;

export interface InterpolationProblem {
  severity: 'warning' | 'error';
  /** The text as written where the problem starts (`${DB_USER`, `$PORT`), to find it in the source. */
  token: string;
  message: string;
  hint: string;
}

export interface Interpolated {
  value: string;
  problems: InterpolationProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/** Index of the `}` closing the `${` whose body starts at `from`, counting nested `${…}`; -1 when unclosed. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function unsetWarning(name: string, token: string): InterpolationProblem {
  return {
    severity: 'warning',
    token,
    message: `variable ${name} is not set: it becomes an empty string`,
    hint: `Set ${name} in the environment or in .env beside the file, or give a default: \${${name}:-value}`,
  };
}

function braced(body: string, token: string, lookup: Lookup, problems: InterpolationProblem[]): string {
  const name = NAME.exec(body)?.[0];
  const rest = name ? body.slice(name.length) : body;
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!name || (rest && !op)) {
    problems.push({ severity: 'error', token, message: `invalid interpolation \`${token}}\``, hint: 'Use ${NAME}, ${NAME:-default}, ${NAME:?message} or ${NAME:+alt}; write $$ for a literal $' });
    return '';
  }
  const value = lookup(name);
  if (!op) {
    if (value === undefined) problems.push(unsetWarning(name, token));
    return value ?? '';
  }
  const arg = (): string => interpolate(rest.slice(op.length), lookup, problems);
  const missing = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (op as Operator) {
    case ':-':
    case '-':
      return missing ? arg() : value!;
    case ':+':
    case '+':
      return missing ? '' : arg();
    default: {
      if (!missing) return value!;
      const why = arg();
      problems.push({
        severity: 'error',
        token,
        message: `required variable ${name} is ${value === undefined ? 'not set' : 'empty'}${why ? `: ${why}` : ''}`,
        hint: `Set ${name} in the environment, in .env beside the file, or in a file given with --env-file`,
      });
      return '';
    }
  }
}

/** Interpolates `text`; problems are appended to `problems` (given, for nested defaults) and returned. */
export function interpolate(text: string, lookup: Lookup, problems: InterpolationProblem[] = []): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    const next = text[at + 1];
    if (next === '$') {
      out += '$';
      i = at + 2;
    } else if (next === '{') {
      const end = closingBrace(text, at + 2);
      if (end < 0) {
        problems.push({ severity: 'error', token: text.slice(at, at + 2), message: `unclosed \`\${\` in ${JSON.stringify(text)}`, hint: 'Close it with `}`, or write $$ for a literal $' });
        return out;
      }
      const body = text.slice(at + 2, end);
      out += braced(body, `\${${NAME.exec(body)?.[0] ?? body}`, lookup, problems);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(at + 1))?.[0];
      if (!name) {
        problems.push({ severity: 'error', token: text.slice(at, at + 2), message: `invalid interpolation: a lone \`$\` in ${JSON.stringify(text)}`, hint: 'Write $$ for a literal $ (e.g. $$1 in a shell command)' });
        out += '$';
        i = at + 1;
        continue;
      }
      const value = lookup(name);
      if (value === undefined) problems.push(unsetWarning(name, `$${name}`));
      out += value ?? '';
      i = at + 1 + name.length;
    }
  }
  return out;
}

/** `interpolate` with its problems returned beside the value. */
export function interpolateString(text: string, lookup: Lookup): Interpolated {
  const problems: InterpolationProblem[] = [];
  const value = interpolate(text, lookup, problems);
  return { value, problems };
}
