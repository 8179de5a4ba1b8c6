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

/** One env file's values into `into`; `${VAR}` in a value reads the shell first, then the values read so far (as Compose). */
function addFile(into: Record<string, string>, name: string, text: string, hostValue: Lookup, sink: IssueSink): void {
  const { pairs, errors, warnings } = parseEnvFile(text, (k) => hostValue(k) ?? (Object.hasOwn(into, k) ? into[k] : undefined));
  for (const e of errors) sink.at(1, 1, '', `${name} ${e}`, 'Write each line of an env file as KEY=VALUE (# starts a comment); write $$ for a literal $');
  for (const w of warnings) sink.warnAt(1, 1, '', `${name} ${w}`, 'Define the variable on an earlier line, or in the environment');
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
  const fromHost = new Set<string>();
  /** A host value, noted: `${VAR}` in an env file that the shell sets copies a host value into the lab too. */
  const hostValue: Lookup = (name) => {
    const host = Object.hasOwn(sources.processEnv, name) ? sources.processEnv[name] : undefined;
    if (host !== undefined) fromHost.add(name);
    return host;
  };
  if (sources.envFiles?.length) for (const f of sources.envFiles) addFile(fromFiles, f.name, f.text, hostValue, sink);
  else if (sources.dotEnv !== undefined) addFile(fromFiles, '.env', sources.dotEnv, hostValue, sink);
  const lookup: Lookup = (name) => hostValue(name) ?? (Object.hasOwn(fromFiles, name) ? fromFiles[name] : undefined);
  const files = sources.envFiles?.length ? sources.envFiles.map((f) => f.text) : sources.dotEnv !== undefined ? [sources.dotEnv] : [];
  const fingerprint = (): string => {
    if (!files.length && !fromHost.size) return '';
    return JSON.stringify({ files, host: [...fromHost].sort().map((n) => [n, sources.processEnv[n]]) });
  };
  return { lookup, fromHost, all: { ...fromFiles, ...sources.processEnv }, fingerprint };
}
