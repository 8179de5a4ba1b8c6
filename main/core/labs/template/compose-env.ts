import type { Lookup } from './compose-interpolation';
import { parseEnvFile } from './service-environment';
import type { IssueSink } from './template-issues';

/** An env file given for interpolation (`--env-file`, or the console's env-file field), already read. */
export interface EnvFileText {
  name: string;
  text: string;
}

export interface InterpolationSources {
  processEnv: Record<string, string | undefined>;
  /** `.env` beside the template, when there is one (read only when no env file is given, as Compose does). */
  dotEnv?: string;
  /** `--env-file` files in order: a later file overrides an earlier one. */
  envFiles?: EnvFileText[];
}

function addFile(into: Record<string, string>, name: string, text: string, sink: IssueSink): void {
  const { pairs, errors } = parseEnvFile(text);
  for (const e of errors) sink.at(1, 1, '', `${name} ${e}`, 'Write each line of an env file as KEY=VALUE (# starts a comment)');
  for (const [key, value] of pairs) if (value !== null) into[key] = value;
}

/** The variables `${…}` sees, and the names it took from Labdeck's own environment (a trust risk: host values copied in). */
export interface InterpolationEnv {
  lookup: Lookup;
  fromHost: Set<string>;
  /** Every variable: values for `environment:` entries written without one. */
  all: Record<string, string | undefined>;
  /** What the plan depends on besides the file's text (env files read, host values used); empty when nothing. */
  fingerprint(): string;
}

/**
 * Compose's precedence: the shell environment over the env files; the env files are the `--env-file` ones
 * when given, else `.env` beside the template.
 */
export function interpolationEnv(sources: InterpolationSources, sink: IssueSink): InterpolationEnv {
  const fromFiles: Record<string, string> = {};
  if (sources.envFiles?.length) for (const f of sources.envFiles) addFile(fromFiles, f.name, f.text, sink);
  else if (sources.dotEnv !== undefined) addFile(fromFiles, '.env', sources.dotEnv, sink);
  const fromHost = new Set<string>();
  const lookup: Lookup = (name) => {
    const host = Object.hasOwn(sources.processEnv, name) ? sources.processEnv[name] : undefined;
    if (host !== undefined) {
      fromHost.add(name);
      return host;
    }
    return Object.hasOwn(fromFiles, name) ? fromFiles[name] : undefined;
  };
  const files = sources.envFiles?.length ? sources.envFiles.map((f) => f.text) : sources.dotEnv !== undefined ? [sources.dotEnv] : [];
  const fingerprint = (): string => {
    if (!files.length && !fromHost.size) return '';
    return JSON.stringify({ files, host: [...fromHost].sort().map((n) => [n, sources.processEnv[n]]) });
  };
  return { lookup, fromHost, all: { ...fromFiles, ...sources.processEnv }, fingerprint };
}
