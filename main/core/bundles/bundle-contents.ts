import { readdirSync, lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { LabdeckError } from '../../api/errors';
import { EntryPath } from './bundle-manifest';

/** What the bundle code needs to know about this installation's labs, scenarios and dashboards. */
export interface BundleSources {
  labs(): Promise<{ name: string; file: string }[]>;
  scenarios(): Promise<{ name: string; file: string; lab?: string }[]>;
  dashboardFile(name: string): Promise<string | undefined>;
  /** The dashboards a template names, and the images it runs (monitoring included). */
  templateNeeds(composeFile: string): Promise<{ dashboards: string[]; images: string[] }>;
}

export interface BundleFile {
  entry: string;
  data: Buffer;
}

export interface BundleSelection {
  labs: string[];
  scenarios: string[];
  dashboards: string[];
  images: string[];
  files: BundleFile[];
}

const isCompose = (f: string): boolean => /^(docker-)?compose[\w.-]*\.ya?ml$/.test(f);

function fileEntry(entry: string, source: string): BundleFile {
  const parsed = EntryPath.safeParse(entry);
  if (!parsed.success) throw new LabdeckError('BAD_REQUEST', `${source}: cannot go into a bundle as ${entry} (${parsed.error.issues[0].message})`, { path: source });
  return { entry, data: readFileSync(source) };
}

/** Every regular file under a lab folder; a symlink or other special file is refused (it would not travel). */
function labFiles(name: string, dir: string): BundleFile[] {
  const out: BundleFile[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(fileEntry(`labs/${name}/${relative(dir, p).split(sep).join('/')}`, p));
      else throw new LabdeckError('BAD_REQUEST', `${p}: not a regular file (a symlink?); a bundle carries plain files only`, { path: p });
    }
  };
  walk(dir);
  return out;
}

/**
 * Resolves names (labs or scenarios; `all` for everything) into the files and images a bundle
 * holds: each lab's folder, the scenarios and the labs they run on, the dashboards the labs name,
 * and every image of every Compose file in those folders (so a scenario's relaunch has its images).
 */
export async function selectContents(src: BundleSources, names: string[], all: boolean): Promise<BundleSelection> {
  const labs = await src.labs();
  // listing scenarios loads and checks every scenario file against every lab (seconds): only when a name is not a lab
  const scenarios = all || names.some((n) => !labs.some((l) => l.name === n)) ? await src.scenarios() : [];
  const labNames = new Set<string>();
  const scenarioNames = new Set<string>();
  for (const n of all ? [...labs.map((l) => l.name), ...scenarios.map((s) => s.name)] : names) {
    const s = scenarios.find((x) => x.name === n);
    if (labs.some((l) => l.name === n)) labNames.add(n);
    else if (s) {
      scenarioNames.add(n);
      if (s.lab && labs.some((l) => l.name === s.lab)) labNames.add(s.lab);
      else if (!all) throw new LabdeckError('TEMPLATE_NOT_FOUND', `scenario ${n} runs on lab ${s.lab ?? '?'}, which is not a lab folder here (cluster labs do not travel in bundles yet)`);
    } else throw new LabdeckError('TEMPLATE_NOT_FOUND', `no lab or scenario named ${n}`, { hint: `Labs: ${labs.map((l) => l.name).join(', ')}. Scenarios: ${scenarios.map((x) => x.name).join(', ')}.` });
  }
  if (labNames.size + scenarioNames.size === 0) throw new LabdeckError('BAD_REQUEST', 'nothing to bundle: name labs or scenarios, or pass --all');
  const files: BundleFile[] = [];
  const images = new Set<string>();
  const dashboards = new Set<string>();
  for (const name of [...labNames].sort()) {
    const dir = dirname(labs.find((l) => l.name === name)!.file);
    files.push(...labFiles(name, dir));
    for (const f of readdirSync(dir).filter(isCompose).sort()) {
      const needs = await src.templateNeeds(join(dir, f));
      needs.images.forEach((i) => images.add(i));
      needs.dashboards.forEach((d) => dashboards.add(d));
    }
  }
  for (const name of [...scenarioNames].sort()) {
    const s = scenarios.find((x) => x.name === name)!;
    files.push(fileEntry(`scenarios/${basename(s.file)}`, s.file));
  }
  for (const d of [...dashboards].sort()) {
    const file = await src.dashboardFile(d);
    if (!file) throw new LabdeckError('TEMPLATE_INVALID', `dashboard ${d} is named by a lab but not found`);
    files.push(fileEntry(`dashboards/${basename(file)}`, file));
  }
  return { labs: [...labNames].sort(), scenarios: [...scenarioNames].sort(), dashboards: [...dashboards].sort(), images: [...images].sort(), files };
}
