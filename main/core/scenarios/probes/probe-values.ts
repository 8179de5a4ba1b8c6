/** `v comparator threshold`, as PromQL probes and checks write it. */
export function compare(v: number, comparator: '<' | '<=' | '==' | '!=' | '>=' | '>', threshold: number): boolean {
  switch (comparator) {
    case '<':
      return v < threshold;
    case '<=':
      return v <= threshold;
    case '==':
      return v === threshold;
    case '!=':
      return v !== threshold;
    case '>=':
      return v >= threshold;
    case '>':
      return v > threshold;
  }
}

/** The value at a dotted path (`members.0.name`) of text parsed as JSON; undefined when it is not JSON or not there. */
export function jsonAt(text: string, path: string): unknown {
  let node: unknown;
  try {
    node = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const key of path.split('.').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
