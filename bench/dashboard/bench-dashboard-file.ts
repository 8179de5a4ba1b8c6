/**
 * The dashboard the live part watches: the lab's built-in dashboard, filled up to `panels` panels
 * with copies of its own time series panels (or cut down to them), written to the user dashboard
 * folder `<LABDECK_HOME>/dashboards/`, where it wins over the built-in file of the same name.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { Dashboard, type Panel } from '../../main/api/schemas/dashboards';
import { ROOT } from './config';

export interface BenchDashboard {
  title: string;
  /** Panels by kind, e.g. { timeseries: 9, stat: 2, containers: 1 }. */
  kinds: Record<string, number>;
}

/** Writes `<home>/dashboards/<lab>.yaml` with exactly `panels` panels; returns its title and make-up. */
export async function writeBenchDashboard(home: string, lab: string, panels: number): Promise<BenchDashboard> {
  const builtIn = Dashboard.parse(parse(await readFile(join(ROOT, 'resources', 'dashboards', `${lab}.yaml`), 'utf8')));
  const all = builtIn.rows.flatMap((r) => r.panels);
  const series = all.filter((p): p is Extract<Panel, { kind: 'timeseries' }> => p.kind === 'timeseries');
  if (!series.length) throw new Error(`the ${lab} dashboard has no time series panel to copy`);
  const extra: Panel[] = [];
  for (let k = 0; all.length + extra.length < panels; k++) {
    const from = series[k % series.length];
    extra.push({ ...from, id: `${from.id}-copy-${k + 1}`, title: `${from.title} (copy ${k + 1})` });
  }
  let left = panels;
  const rows = [...builtIn.rows, { title: 'Bench copies', panels: extra }]
    .map((r) => {
      const kept = r.panels.slice(0, Math.max(0, left));
      left -= kept.length;
      return { ...r, panels: kept };
    })
    .filter((r) => r.panels.length);
  const dashboard: Dashboard = { ...builtIn, rows };
  await mkdir(join(home, 'dashboards'), { recursive: true });
  await writeFile(join(home, 'dashboards', `${lab}.yaml`), stringify(Dashboard.parse(dashboard)));
  const kinds: Record<string, number> = {};
  for (const p of rows.flatMap((r) => r.panels)) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  return { title: builtIn.title, kinds };
}
