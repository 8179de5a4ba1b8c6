import type { Document, LineCounter } from 'yaml';
import { LabdeckError, type Problem } from '../../../api/errors';
import { defaultHint } from './issue-hints';
import type { TemplateIssue } from '../template-model';
import { formatPath, locate, scalarSource, type DocPath } from './yaml-locate';

/** How many issues the error message lists; the `issues` array keeps them all. */
export const MESSAGE_ISSUE_CAP = 20;

/** `FILE:LINE:COL: PATH: MESSAGE` (the path is left out for the document itself). */
export function formatIssue(issue: TemplateIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** By file (files in the order they first appear), then line and column. */
export function sortIssues(issues: TemplateIssue[]): TemplateIssue[] {
  const files = [...new Set(issues.map((i) => i.file))];
  return [...issues].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
}

/** The issues sorted, and a message listing them (capped) after `FILE: N problems`. */
export function issuesMessage(file: string, issues: TemplateIssue[]): { sorted: TemplateIssue[]; message: string } {
  const sorted = sortIssues(issues);
  const lines = sorted.slice(0, MESSAGE_ISSUE_CAP).map(formatIssue);
  if (sorted.length > MESSAGE_ISSUE_CAP) lines.push(`… and ${sorted.length - MESSAGE_ISSUE_CAP} more`);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return { sorted, message: `${file}: ${count}\n${lines.join('\n')}` };
}

/** The issues as the `problems` of an error value: each with a hint. */
export function toProblems(issues: TemplateIssue[]): Problem[] {
  return issues.map((i) => ({ file: i.file, line: i.line, col: i.col, path: i.path, message: i.message, hint: i.hint ?? defaultHint(i, 'error') }));
}

/** A template that cannot be loaded: the message lists the problems, `issues` (and `problems`) hold them located. */
export class TemplateInvalidError extends LabdeckError {
  readonly issues: TemplateIssue[];

  constructor(file: string, issues: TemplateIssue[]) {
    const { sorted, message } = issuesMessage(file, issues);
    super('TEMPLATE_INVALID', message, {
      hint: `Fix the listed lines in ${file} and load the template again.`,
      path: sorted[0]?.path || undefined,
      problems: toProblems(sorted),
    });
    this.issues = sorted;
  }
}

/** The lists issues go to: one set per template, shared by the sinks of the files it includes or extends. */
export interface IssueLists {
  errors: TemplateIssue[];
  unsupported: TemplateIssue[];
  warnings: TemplateIssue[];
  seen: Set<string>;
}

/** Where a path of the composed model is written: another file's sink and the path inside that file. */
export type PathResolver = (path: DocPath) => { sink: IssueSink; path: DocPath } | undefined;

/** Collects located issues while a template is checked: errors (thrown at the end) and unsupported keys (returned). */
export class IssueSink {
  readonly errors: TemplateIssue[];
  readonly unsupported: TemplateIssue[];
  readonly warnings: TemplateIssue[];
  private readonly seen: Set<string>;
  /** Set once `extends` and `include` are resolved: parts of the model that come from other files are located there. */
  resolve?: PathResolver;

  constructor(
    readonly file: string,
    private readonly doc?: Document,
    private readonly lineCounter?: LineCounter,
    lists: IssueLists = { errors: [], unsupported: [], warnings: [], seen: new Set() },
  ) {
    this.errors = lists.errors;
    this.unsupported = lists.unsupported;
    this.warnings = lists.warnings;
    this.seen = lists.seen;
  }

  /** The lists, to share with the sink of another file of the same template. */
  get lists(): IssueLists {
    return { errors: this.errors, unsupported: this.unsupported, warnings: this.warnings, seen: this.seen };
  }

  /** The source text of the scalar at `path` as written (e.g. `0440`), in whichever file holds it. */
  scalarSource(path: DocPath): string | undefined {
    const other = this.resolve?.(path);
    const [sink, at] = other ? [other.sink, other.path] : [this as IssueSink, path];
    return sink.doc ? scalarSource(sink.doc, at) : undefined;
  }

  /** An issue at an explicit position (YAML syntax errors). */
  at(line: number, col: number, path: string, message: string, hint?: string): void {
    this.push(this.errors, { file: this.file, line, col, path, message, ...(hint ? { hint } : {}) });
  }

  /** A warning at an explicit position: the template still loads. */
  warnAt(line: number, col: number, path: string, message: string, hint?: string): void {
    this.push(this.warnings, { file: this.file, line, col, path, message, ...(hint ? { hint } : {}) });
  }

  /** A problem at `path`; with `key`, located at the mapping key instead of its value. */
  error(path: DocPath, message: string, opts: { key?: boolean; hint?: string } = {}): void {
    const issue = this.make(path, message, opts.key ?? false, opts.hint);
    this.push(this.errors, { ...issue, hint: issue.hint ?? defaultHint(issue, 'error') });
  }

  /** A Compose feature present in the file that Labdeck does not support; located at its key. */
  unsupportedKey(path: DocPath, what = formatPath(path.slice(-1)), hint?: string): void {
    const issue = this.make(path, `Labdeck does not support \`${what}\``, true, hint);
    this.push(this.unsupported, { ...issue, hint: issue.hint ?? defaultHint(issue, 'unsupported') });
  }

  /** An unsupported value (not a key), with its own message. */
  unsupportedValue(path: DocPath, message: string, hint?: string): void {
    const issue = this.make(path, message, false, hint);
    this.push(this.unsupported, { ...issue, hint: issue.hint ?? defaultHint(issue, 'unsupported') });
  }

  private make(path: DocPath, message: string, key: boolean, hint?: string): TemplateIssue {
    const other = this.resolve?.(path);
    return other ? other.sink.makeHere(other.path, message, key, hint) : this.makeHere(path, message, key, hint);
  }

  /** The issue located in this sink's own document, whatever the resolver says. */
  private makeHere(path: DocPath, message: string, key: boolean, hint?: string): TemplateIssue {
    const pos = this.doc && this.lineCounter ? locate(this.doc, this.lineCounter, path, { key }) : { line: 1, col: 1 };
    return { file: this.file, line: pos.line, col: pos.col, path: formatPath(path), message, ...(hint ? { hint } : {}) };
  }

  private push(list: TemplateIssue[], issue: TemplateIssue): void {
    const kind = list === this.errors ? 'e' : list === this.warnings ? 'w' : 'u';
    const id = `${kind}|${issue.line}:${issue.col}|${issue.path}|${issue.message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    list.push(issue);
  }
}
