import { LineCounter, parseDocument, type Document } from 'yaml';
import { IssueSink, TemplateInvalidError, type IssueLists } from './template-issues';
import { checkAliases, MAX_ALIAS_EXPANSION, sizeProblem } from './yaml-limits';

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'one YAML document is expected (remove the `---` separators)';
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** Collects located issues against this document. */
  sink: IssueSink;
  data: unknown;
}

/**
 * Parses one YAML document with positions kept, for files Labdeck validates (templates, dashboards).
 * Syntax errors, duplicate keys, too many or runaway aliases and a file over the size limit throw
 * TemplateInvalidError with file:line:col. `beforeConvert` may change scalars (Compose interpolation) while
 * their positions are still known.
 */
export function readYamlDocument(
  text: string,
  absFile: string,
  opts: { merge?: boolean; lists?: IssueLists; beforeConvert?: (doc: Document, lineCounter: LineCounter, sink: IssueSink) => void } = {},
): ParsedYaml {
  const tooBig = sizeProblem(Buffer.byteLength(text), 'file');
  if (tooBig) throw new TemplateInvalidError(absFile, [{ file: absFile, line: 1, col: 1, path: '', message: tooBig }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: opts.merge ?? false, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const sink = new IssueSink(absFile);
    for (const err of doc.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      sink.at(pos.line, pos.col, '', `YAML syntax: ${yamlMessage(err.code, err.message)}`);
    }
    throw new TemplateInvalidError(absFile, sink.errors);
  }
  const sink = new IssueSink(absFile, doc, lineCounter, opts.lists);
  const before = sink.errors.length;
  checkAliases(doc, lineCounter, sink);
  if (sink.errors.length > before) throw new TemplateInvalidError(absFile, sink.errors);
  // Problems found here (an interpolation error) are collected, not thrown: the caller reports them with the rest.
  opts.beforeConvert?.(doc, lineCounter, sink);
  try {
    return { doc, lineCounter, sink, data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (err) {
    sink.error([], `YAML: ${err instanceof Error ? err.message : String(err)}`);
    throw new TemplateInvalidError(absFile, sink.errors);
  }
}
