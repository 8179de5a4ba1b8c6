import { readFile, realpath, stat } from 'node:fs/promises';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { LabTemplate } from '../template-model';
import type { EnvFileText } from './compose-env';
import { parseTemplate } from './parse-template';
import { siblingName } from './template-context';
import { TemplateInvalidError } from './template-issues';
import { sizeProblem } from './yaml-limits';

export { parseTemplate } from './parse-template';
export { TemplateInvalidError, formatIssue } from './template-issues';

/** File names tried, in order, when a folder is given instead of a Compose file (as `docker compose` does). */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

function unreadable(file: string, err: unknown): TemplateInvalidError {
  const code = (err as { code?: unknown } | null)?.code;
  const reason = code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
  return new TemplateInvalidError(file, [{ file, line: 1, col: 1, path: '', message: `cannot read the template: ${reason}` }]);
}

async function composeFileOf(target: string): Promise<string> {
  const info = await stat(target).catch(() => undefined);
  if (!info?.isDirectory()) return target;
  for (const name of COMPOSE_FILE_NAMES) {
    const candidate = join(target, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return join(target, COMPOSE_FILE_NAMES[0]);
}

/** Reads files beside the template; a name whose real path (after symlinks) leaves the folder is refused. */
function siblingReaderFor(realDir: string): (name: string) => string {
  return (name) => {
    const real = realpathSync(join(realDir, name));
    if (!real.startsWith(realDir + sep)) throw new Error(`${name} resolves outside the template folder`);
    return readFileSync(real, 'utf8');
  };
}

/**
 * Loads a lab template (a Compose file, or a folder holding one): reads, parses, validates, normalises.
 * Throws TemplateInvalidError (code TEMPLATE_INVALID) listing every problem as FILE:LINE:COL: PATH: MESSAGE.
 */
export interface LoadOptions {
  /**
   * Env files for interpolation, in order (`--env-file`): an absolute path is read as given (the owner's own
   * command line); a relative name is a file beside the template and may not leave its folder.
   */
  envFiles?: string[];
  /** Compose profiles to enable (`--profile`): services with `profiles:` start only when one is enabled. */
  profiles?: string[];
}

async function readEnvFiles(names: string[], composeFile: string, realDir: string): Promise<EnvFileText[]> {
  const beside = siblingReaderFor(realDir);
  const out: EnvFileText[] = [];
  for (const name of names) {
    try {
      if (isAbsolute(name)) {
        const tooBig = sizeProblem((await stat(name)).size, 'env file');
        if (tooBig) throw new Error(tooBig);
        out.push({ name, text: await readFile(name, 'utf8') });
      } else {
        const checked = siblingName(name);
        if ('error' in checked) throw new Error(checked.error);
        out.push({ name, text: beside(checked.name) });
      }
    } catch (err) {
      const reason = (err as { code?: unknown }).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
      throw new TemplateInvalidError(composeFile, [
        { file: composeFile, line: 1, col: 1, path: '', message: `cannot read the env file ${name}: ${reason}`, hint: 'Give an env file that exists: a path on the command line, or a file beside the template from the console' },
      ]);
    }
  }
  return out;
}

export async function loadTemplate(file: string, opts: LoadOptions = {}): Promise<LabTemplate> {
  const composeFile = await composeFileOf(resolve(file));
  let text: string;
  let realDir: string;
  let tooBig: string | undefined;
  try {
    // Checked before reading: a huge file is refused without being held in memory.
    tooBig = sizeProblem((await stat(composeFile)).size, 'template');
    text = tooBig ? '' : await readFile(composeFile, 'utf8');
    realDir = await realpath(dirname(composeFile));
  } catch (err) {
    throw unreadable(composeFile, err);
  }
  if (tooBig) throw new TemplateInvalidError(composeFile, [{ file: composeFile, line: 1, col: 1, path: '', message: tooBig }]);
  const envFiles = opts.envFiles?.length ? await readEnvFiles(opts.envFiles, composeFile, realDir) : undefined;
  return parseTemplate(text, composeFile, siblingReaderFor(realDir), { envFiles, profiles: opts.profiles });
}
