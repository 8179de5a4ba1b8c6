import { isAlias, isCollection, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { IssueSink } from './template-issues';
import { formatPath, type DocPath } from './yaml-locate';

/** Templates, scenarios and dashboards are hand-written; anything bigger is a mistake or an attack (and a scenario is copied into every run's journal). */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Aliases per file: the built-in files use a handful (`<<: *defaults`). */
export const MAX_ALIASES = 100;
/** Values that aliases may expand to in one file: a "billion laughs" expands to far more from a few lines. */
export const MAX_ALIAS_EXPANSION = 100_000;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Why a file of this many bytes is refused before it is parsed, or undefined when it may be read. */
export function sizeProblem(bytes: number, what: string): string | undefined {
  if (bytes <= MAX_YAML_BYTES) return undefined;
  return `the ${what} is ${mib(bytes)}; Labdeck reads template, scenario and dashboard files of at most ${mib(MAX_YAML_BYTES)}`;
}

/** The document path of `node`, from the visitor's ancestors (keys of pairs, indexes in sequences). */
function pathOf(ancestors: readonly unknown[], node: unknown): DocPath {
  const chain = [...ancestors, node];
  const path: DocPath = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const here = chain[i];
    const next = chain[i + 1];
    if (isSeq(here)) path.push(here.items.indexOf(next as never));
    else if (isPair(here) && here.value === next) path.push(isScalar(here.key) ? String(here.key.value) : String(here.key));
  }
  return path;
}

/**
 * Counts aliases and what they expand to, in document order, and reports the alias at which a
 * limit is crossed (or which refers to its own anchor) at its line and column. The yaml package's
 * own guard (maxAliasCount) throws without a position, so this runs first.
 */
export function checkAliases(doc: Document, lineCounter: LineCounter, sink: IssueSink): void {
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) return size(node.resolve(doc));
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) return Number.POSITIVE_INFINITY;
    open.add(node);
    let n = 1;
    for (const item of node.items) {
      n += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (n > MAX_ALIAS_EXPANSION) break;
    }
    open.delete(node);
    sizes.set(node, n);
    return n;
  };
  let count = 0;
  let expanded = 0;
  visit(doc, {
    Alias(_key, node, ancestors) {
      count += 1;
      const own = size(node);
      expanded += own;
      let message: string | undefined;
      if (own === Number.POSITIVE_INFINITY) message = `alias *${node.source} refers to its own anchor (a loop)`;
      else if (count > MAX_ALIASES) message = `more than ${MAX_ALIASES} aliases in one file (Labdeck's limit)`;
      else if (expanded > MAX_ALIAS_EXPANSION) message = `aliases expand to more than ${MAX_ALIAS_EXPANSION} values by here (Labdeck's limit; an "alias bomb")`;
      if (!message) return undefined;
      const pos = lineCounter.linePos((node as Node).range?.[0] ?? 0);
      sink.at(pos.line, pos.col, formatPath(pathOf(ancestors, node)), `YAML: ${message}`);
      return visit.BREAK;
    },
  });
}
