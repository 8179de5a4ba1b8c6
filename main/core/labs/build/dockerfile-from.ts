/**
 * The base images a Dockerfile builds FROM, read before any build so that a missing one is named
 * with its line, offline, without the engine. Follows the Dockerfile reference: `# escape=`
 * directive, line continuations, comments, `ARG` before the first `FROM` (defaults overridden by
 * build args), `FROM [--platform=…] image [AS name]`, stage names and `scratch`.
 */

export interface FromLine {
  /** 1-based line of the FROM instruction. */
  line: number;
  /** The instruction as written (continuations joined). */
  text: string;
  /** The image after ARG substitution. */
  image: string;
  /** `AS name`, lower-cased as Docker compares it. */
  stage?: string;
}

export interface DockerfileBases {
  stages: FromLine[];
  /** FROM lines that need an image from the engine: not `scratch`, not an earlier stage. */
  bases: FromLine[];
}

interface Instruction {
  line: number;
  text: string;
}

function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(lines[0] ?? '');
  const escape = directive ? directive[1] : '\\';
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (current && trimmed.startsWith('#')) return; // comments inside a continuation are dropped
    const continues = trimmed.endsWith(escape);
    const part = continues ? trimmed.slice(0, -1) : trimmed;
    if (current) current.text += ` ${part}`;
    else current = { line: i + 1, text: part };
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` from the args known so far (unknown: empty), as Docker substitutes in FROM. */
function substitute(value: string, args: Map<string, string>): string {
  return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced?: string, op?: string, word?: string, bare?: string) => {
    const v = args.get((braced ?? bare)!) ?? '';
    if (op === '-') return v === '' ? (word ?? '') : v;
    if (op === '+') return v === '' ? '' : (word ?? '');
    return v;
  });
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
}

/** The stages of a Dockerfile and the base images it needs (up to `target` when given, as the engine builds them). */
export function dockerfileBases(text: string, buildArgs: Record<string, string> = {}, target?: string): DockerfileBases {
  const globals = new Map<string, string>();
  const stages: FromLine[] = [];
  for (const ins of instructions(text)) {
    const [keyword, ...rest] = ins.text.split(/\s+/);
    const kw = keyword.toUpperCase();
    if (kw === 'ARG' && stages.length === 0) {
      for (const decl of rest) {
        const eq = decl.indexOf('=');
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const fallback = eq < 0 ? undefined : unquote(decl.slice(eq + 1));
        const value = buildArgs[name] ?? fallback;
        if (value !== undefined) globals.set(name, value);
      }
    } else if (kw === 'FROM') {
      const words = rest.filter((w) => !w.startsWith('--'));
      const asAt = words.findIndex((w) => w.toUpperCase() === 'AS');
      const stage = asAt >= 0 ? words[asAt + 1]?.toLowerCase() : undefined;
      stages.push({ line: ins.line, text: ins.text, image: substitute(words[0] ?? '', globals), ...(stage ? { stage } : {}) });
      if (target && stage === target.toLowerCase()) break;
    }
  }
  const seen = new Set<string>();
  const bases: FromLine[] = [];
  for (const s of stages) {
    const ref = s.image.toLowerCase();
    if (ref !== 'scratch' && !seen.has(ref) && s.image) bases.push(s);
    if (s.stage) seen.add(s.stage);
  }
  return { stages, bases };
}
