import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path inside the document, e.g. ['services', 'web', 'ports', 0]. */
export type DocPath = (string | number)[];

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `services.web.ports[0]`; keys that are not plain words are quoted: `services["my.svc"]`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export interface Position {
  line: number;
  col: number;
}

interface Step {
  node: unknown;
  /** Offset of the key that led here, when reached through a mapping. */
  keyOffset?: number;
}

function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** `web:` with nothing after it: the empty value has no useful position, its key does. */
function isImplicitNull(node: unknown): boolean {
  return isScalar(node) && node.value === null && !node.source;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? range[0] : undefined;
}

/** Walks `path` as far as the document goes; the last step reached is returned with its parents. */
function walk(doc: Document, path: DocPath): { steps: Step[]; complete: boolean } {
  const steps: Step[] = [{ node: doc.contents }];
  let node: unknown = deref(doc, doc.contents);
  for (const seg of path) {
    let next: Step | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (pair) next = { node: pair.value, keyOffset: offsetOf(pair.key) };
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      next = { node: node.items[seg] };
    }
    if (!next) return { steps, complete: false };
    steps.push(next);
    node = deref(doc, next.node);
  }
  return { steps, complete: true };
}

/**
 * Line and column (1-based) of the node at `path`, or of its nearest existing parent.
 * With `key`, a mapping entry is located at its key rather than at its value.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: DocPath, opts: { key?: boolean } = {}): Position {
  const { steps, complete } = walk(doc, path);
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    const preferKey = !complete || i < steps.length - 1 || opts.key || isImplicitNull(step.node);
    const valueOffset = offsetOf(step.node);
    const offset = preferKey ? (step.keyOffset ?? valueOffset) : (valueOffset ?? step.keyOffset);
    if (offset !== undefined) return lineCounter.linePos(offset);
  }
  return { line: 1, col: 1 };
}

/** The source text of the scalar at `path` as written (e.g. `0440`), when there is one. */
export function scalarSource(doc: Document, path: DocPath): string | undefined {
  const { steps, complete } = walk(doc, path);
  if (!complete) return undefined;
  const node = deref(doc, steps[steps.length - 1].node);
  return isScalar(node) ? node.source : undefined;
}
