import { Dashboard, type Panel } from '../../../api/schemas/dashboards';
import type { IssueSink } from '../../labs/template/template-issues';
import type { DocPath } from '../../labs/template/yaml-locate';
import { parseYamlWithSchema, readYamlFile } from '../../labs/template/yaml-schema-parse';
import { variableRefs } from './expand-variables';

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
  return parseYamlWithSchema(text, file, Dashboard, (dashboard, sink) => checkDashboard(dashboard, sink, expectedName));
}

/** Reads and validates a dashboard file (see parseDashboard). */
export async function loadDashboard(file: string, expectedName?: string): Promise<Dashboard> {
  return parseDashboard(await readYamlFile(file, 'dashboard'), file, expectedName);
}
