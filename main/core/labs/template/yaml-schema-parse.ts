import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { type IssueSink, TemplateInvalidError } from './template-issues';
import { readYamlDocument } from './yaml-document';
import { sizeProblem } from './yaml-limits';
import type { DocPath } from './yaml-locate';

function issueMessage(issue: z.core.$ZodIssue, data: unknown, path: DocPath): string {
  if (issue.code === 'invalid_value' || (issue.code === 'invalid_union' && 'options' in issue)) {
    const options = (('values' in issue ? issue.values : (issue as { options: unknown[] }).options) ?? []).map(String);
    const got = path.reduce<unknown>((node, seg) => (node as Record<string | number, unknown> | undefined)?.[seg], data);
    return `expected one of ${options.join(', ')}; got ${JSON.stringify(got) ?? 'nothing'}`;
  }
  return issue.message;
}

/**
 * Parses a YAML file Labdeck validates (dashboards, scenarios) against its zod schema, then `check`
 * for what zod cannot say. Throws TemplateInvalidError (TEMPLATE_INVALID) listing every problem as
 * FILE:LINE:COL: PATH: MESSAGE; an unknown key is named at its own line.
 */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, file: string, schema: S, check?: (value: z.output<S>, sink: IssueSink) => void): z.output<S> {
  const absFile = resolve(file);
  const { sink, data } = readYamlDocument(text, absFile);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) sink.error([...path, key], `unknown key \`${key}\``, { key: true });
      } else {
        sink.error(path, issueMessage(issue, data, path));
      }
    }
    throw new TemplateInvalidError(absFile, sink.errors);
  }
  check?.(parsed.data, sink);
  if (sink.errors.length) throw new TemplateInvalidError(absFile, sink.errors);
  return parsed.data;
}

/** A validated YAML file's text, or TEMPLATE_INVALID at its line 1 saying why it cannot be read (missing, too big). */
export async function readYamlFile(file: string, what: string): Promise<string> {
  const abs = resolve(file);
  const refuse = (message: string) => new TemplateInvalidError(abs, [{ file: abs, line: 1, col: 1, path: '', message }]);
  let tooBig: string | undefined;
  try {
    // The size is checked before reading, so a huge file is never held in memory.
    tooBig = sizeProblem((await stat(abs)).size, what);
    if (!tooBig) return await readFile(abs, 'utf8');
  } catch (err) {
    const reason = (err as { code?: unknown }).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    throw refuse(`cannot read the ${what}: ${reason}`);
  }
  throw refuse(tooBig);
}
