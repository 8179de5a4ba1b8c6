import type { TemplateIssue } from '../template-model';

/** What to change for a problem that was recorded without its own hint, read from the message's kind. */
export function defaultHint(issue: TemplateIssue, kind: 'error' | 'unsupported' | 'warning'): string {
  const where = issue.path ? `\`${issue.path}\`` : 'this line';
  const m = issue.message;
  if (kind === 'unsupported') {
    return `Remove ${where}: Labdeck cannot run it as written (docs/compose.md lists what is supported and why), or run this file with docker compose`;
  }
  if (m.startsWith('YAML syntax')) return 'Fix the YAML at this line: check indentation, a missing `:` or space after it, and unclosed quotes or brackets';
  let k = /^unknown key `([^`]+)`/.exec(m);
  if (k) return `Remove \`${k[1]}\` or correct its spelling: the Compose Specification has no such key here`;
  k = /^missing required key `([^`]+)`/.exec(m);
  if (k) return `Add \`${k[1]}:\` under ${where}`;
  if (/^must be one of/.test(m)) return `Set ${where} to one of the listed values`;
  if (/^must (be|match|have|NOT)/.test(m)) return `Change ${where} to the form the Compose Specification expects (${m.replace(/ \(schema .*\)$/, '')})`;
  if (/is not declared in the top-level/.test(m)) return `Declare it in the top-level section the message names, or correct the name at ${where}`;
  if (/which is not a service of this template/.test(m)) return `Name a service defined under \`services:\`, or add that service`;
  if (/cannot read/.test(m)) return 'Create the file beside the template, or correct its name';
  return `Change ${where} as the message says`;
}
