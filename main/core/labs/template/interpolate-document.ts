import { isPair, isScalar, isSeq, visit, type Document, type LineCounter } from 'yaml';
import { interpolateString, type Lookup } from './compose-interpolation';
import type { IssueSink } from './template-issues';
import { formatPath, type DocPath } from './yaml-locate';

/** The document path of a visited node from the visitor's ancestors: a pair gives its key, a sequence the item's index. */
function pathOf(ancestors: readonly unknown[], node: unknown): DocPath {
  const out: DocPath = [];
  const chain = [...ancestors, node];
  chain.forEach((step, i) => {
    if (isPair(step)) out.push(isScalar(step.key) ? String(step.key.value) : String(step.key));
    else if (isSeq(step)) out.push(step.items.indexOf(chain[i + 1] as never));
  });
  return out;
}

/**
 * Interpolates every string value of the document in place, before it is validated, so the schema and the
 * normalisers see what `docker compose` would. Mapping keys are left as written (Compose does the same).
 * An unset variable is a warning, a `?` form or a malformed `${` an error; each is located at the
 * variable inside its scalar (file:line:col of the `$`), found in the source text.
 */
export function interpolateDocument(doc: Document, text: string, lineCounter: LineCounter, sink: IssueSink, lookup: Lookup): void {
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
      const { value, problems } = interpolateString(node.value, lookup);
      node.value = value;
      if (!problems.length) return;
      const docPath = formatPath(pathOf(path, node));
      const [start, end] = node.range ?? [0, 0];
      const source = text.slice(start, end);
      let cursor = 0;
      for (const p of problems) {
        const found = source.indexOf(p.token, cursor);
        if (found >= 0) cursor = found + p.token.length;
        const pos = lineCounter.linePos(start + Math.max(found, 0));
        if (p.severity === 'warning') sink.warnAt(pos.line, pos.col, docPath, p.message, p.hint);
        else sink.at(pos.line, pos.col, docPath, p.message, p.hint);
      }
    },
  });
}
