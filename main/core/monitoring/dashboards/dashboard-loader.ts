import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { Dashboard, type Panel } from '../../../api/schemas/dashboards';
import { type IssueSink, TemplateInvalidError } from '../../labs/template/template-issues';
import { readYamlDocument } from '../../labs/template/yaml-document';
import type { DocPath } from '../../labs/template/yaml-locate';
import { variableRefs } from './expand-variables';

/** Alias expansions allowed while turning the document into values (a guard against "billion laughs"). */

function issueMessage(issue: z.core.$ZodIssue, data: unknown, path: DocPath): string {
  if (issue.code === 'invalid_value' || (issue.code === 'invalid_union' && 'options' in issue)) {
    const options = (('values' in issue ? issue.values : (issue as { options: unknown[] }).options) ?? []).map(String);
    const got = path.reduce<unknown>((node, seg) => (node as Record<string | number, unknown> | undefined)?.[seg], data);
    return `expected one of ${options.join(', ')}; got ${JSON.stringify(got) ?? 'nothing'}`;
  }
  return issue.message;
}

/** The PromQL queries of a panel with their paths, for checks that read expressions. */
export function panelQueries(panel: Panel): { expr: string; at: DocPath }[] {
  if (panel.kind === 'timeseries') return panel.queries.map((q, i) => ({ expr: q.expr, at: ['queries', i, 'expr'] }));
  if (panel.kind === 'stat' || panel.kind === 'table') return [{ expr: panel.query.expr, at: ['query', 'expr'] }];
  return [];
}

/** Checks zod cannot express: unique panel ids, declared variables, the expected name. */
function checkDashboard(dashboard: Dashboard, sink: IssueSink, expectedName?: string): void {
  if (expectedName !== undefined && dashboard.name !== expectedName) {
    sink.error(['name'], `the dashboard in ${expectedName}.yaml must be named "${expectedName}", not "${dashboard.name}"`);
  }
  const declared = new Set(dashboard.variables.map((v) => v.name));
  const ids = new Map<string, string>();
  dashboard.rows.forEach((row, r) =>
    row.panels.forEach((panel, p) => {
      const at: DocPath = ['rows', r, 'panels', p];
      const first = ids.get(panel.id);
      if (first) sink.error([...at, 'id'], `duplicate panel id "${panel.id}" (first used at ${first})`);
      else ids.set(panel.id, `rows[${r}].panels[${p}]`);
      for (const q of panelQueries(panel)) {
        for (const name of variableRefs(q.expr)) {
          if (!declared.has(name as never)) sink.error([...at, ...q.at], `$${name} is not declared in \`variables:\``);
        }
      }
    }),
  );
}

/**
 * Parses and validates a dashboard from its text. Throws TemplateInvalidError (code TEMPLATE_INVALID)
 * listing every problem as FILE:LINE:COL: PATH: MESSAGE. With `expectedName`, `name:` must equal it.
 */
export function parseDashboard(text: string, file: string, expectedName?: string): Dashboard {
  const absFile = resolve(file);
  const { sink, data } = readYamlDocument(text, absFile);
  const parsed = Dashboard.safeParse(data);
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
  checkDashboard(parsed.data, sink, expectedName);
  if (sink.errors.length) throw new TemplateInvalidError(absFile, sink.errors);
  return parsed.data;
}

/** Reads and validates a dashboard file (see parseDashboard). */
export async function loadDashboard(file: string, expectedName?: string): Promise<Dashboard> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as { code?: unknown }).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    const abs = resolve(file);
    throw new TemplateInvalidError(abs, [{ file: abs, line: 1, col: 1, path: '', message: `cannot read the dashboard: ${reason}` }]);
  }
  return parseDashboard(text, file, expectedName);
}
