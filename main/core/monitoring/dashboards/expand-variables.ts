/**
 * Dashboard variables in PromQL: `$service` and `$instance` (also written `${service}`), used inside a
 * double-quoted regex matcher, e.g. `up{service=~"$service"}`.
 */
export type VariableName = 'service' | 'instance';

/** The values picked for each variable; none, or an empty list, means "all". */
export type VariableValues = Partial<Record<VariableName, string | readonly string[] | undefined>>;

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The variable names an expression refers to, in order of first use, each once. */
export function variableRefs(expr: string): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(REFERENCE)) names.add(m[1] ?? m[2]);
  return [...names];
}

/** Escapes regex metacharacters (RE2 syntax, as Prometheus uses). */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching exactly the given values (`.*` for none), written for a PromQL double-quoted string. */
export function valuesRegex(values: string | readonly string[] | undefined): string {
  const list = (typeof values === 'string' ? [values] : (values ?? [])).filter((v) => v !== '');
  if (list.length === 0) return '.*';
  const regex = list.map(escapeRegex).join('|');
  // inside "…" a backslash is itself an escape: `a\.b` must be written `a\\.b`
  return regex.replace(/\\/g, '\\\\');
}

/**
 * Replaces `$service` / `$instance` (and `${…}`) by regexes of the picked values (regex-escaped;
 * nothing picked → `.*`). References to other names are left untouched.
 */
export function expandVariables(expr: string, vars: VariableValues): string {
  return expr.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    if (name !== 'service' && name !== 'instance') return whole;
    return valuesRegex(vars[name]);
  });
}
