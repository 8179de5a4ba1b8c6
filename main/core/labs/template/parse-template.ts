import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import type { LabTemplate } from '../template-model';
import { interpolationEnv, type EnvFileText, type InterpolationEnv } from './compose-env';
import { ComposeFiles } from './compose-files';
import { composeModel } from './compose-model';
import { interpolateDocument } from './interpolate-document';
import { checkComposeSchema } from './compose-schema-check';
import { isPlainObject } from './compose-values';
import { namedServices, normaliseMeta, X_LABDECK } from './lab-meta';
import { normaliseService } from './normalise-service';
import { normaliseConfigs, normaliseNetworks, normaliseSecrets, normaliseVolumes, projectName, reportUnsupportedTopLevel } from './normalise-top-level';
import { servicesForProfiles } from './service-profiles';
import { runSemanticChecks } from './semantic-checks';
import { siblingReader, type ReadSibling, type TemplateContext } from './template-context';
import { sortIssues, TemplateInvalidError } from './template-issues';
import { readYamlDocument } from './yaml-document';

export interface ParseOptions {
  /** `--env-file` files (or the console's env-file field), read: they replace `.env` beside the template. */
  envFiles?: EnvFileText[];
  /** Defaults to Labdeck's own environment. */
  processEnv?: Record<string, string | undefined>;
  /** Compose profiles enabled (`--profile`). */
  profiles?: string[];
}

/** The template's text, what the env files and host variables put in, and every file it extends or includes. */
function templateDigest(text: string, envFingerprint: string, others: string[]): string {
  const hash = createHash('sha256').update(text);
  if (envFingerprint) hash.update(`\0${envFingerprint}`);
  for (const other of others) hash.update(`\0\0${other}`);
  return hash.digest('hex');
}

/**
 * Parses, validates and normalises a lab template from its text. Pure and synchronous: files beside the
 * template are read only through `readSibling`. Throws TemplateInvalidError listing every problem found.
 */
export function parseTemplate(text: string, file: string, readSibling: ReadSibling, opts: ParseOptions = {}): LabTemplate {
  const absFile = resolve(file);
  let env: InterpolationEnv | undefined;
  const processEnv = opts.processEnv ?? process.env;
  const parsed = readYamlDocument(text, absFile, {
    merge: true,
    beforeConvert: (d, lineCounter, s) => {
      const dotEnv = opts.envFiles?.length ? undefined : siblingReader(s, readSibling)('.env', [], { optional: true });
      env = interpolationEnv({ processEnv, dotEnv, envFiles: opts.envFiles }, s);
      interpolateDocument(d, text, lineCounter, s, env.lookup);
    },
  });
  const { sink } = parsed;
  if (!isPlainObject(parsed.data)) {
    sink.error([], 'a lab template is a YAML mapping with `services:` (a Compose file)');
    throw new TemplateInvalidError(absFile, sink.errors);
  }
  // `extends` and `include` bring in other files; what comes from them is located there from now on.
  const files = new ComposeFiles(dirname(absFile), readSibling);
  const lookup = env?.lookup ?? ((n: string) => processEnv[n]);
  const composed = composeModel(files.main(basename(absFile), sink, parsed.data), files, { lookup, processEnv, readSibling });
  sink.resolve = composed.resolve;
  const data = composed.data;

  const ctx: TemplateContext = {
    sink,
    templateDir: dirname(absFile),
    homeDir: homedir(),
    env: env?.all ?? {},
    scalarSource: (path) => sink.scalarSource(path),
    readSibling: siblingReader(sink, readSibling),
  };
  checkComposeSchema(data, sink);
  const name = projectName(data, absFile, ctx);
  reportUnsupportedTopLevel(data, ctx);
  const networks = normaliseNetworks(data, ctx);
  const volumes = normaliseVolumes(data, ctx);
  const configs = normaliseConfigs(data, ctx);
  const secrets = normaliseSecrets(data, ctx);
  const all = Object.entries(isPlainObject(data.services) ? data.services : {}).map(([n, raw]) => normaliseService(n, raw, ctx));
  // COMPOSE_PROFILES (the shell's, else .env's) stands in for --profile when none is given, as in docker compose.
  const fromEnv = (processEnv.COMPOSE_PROFILES ?? env?.all.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const services = servicesForProfiles(all, opts.profiles?.length ? opts.profiles : fromEnv, ctx);
  const { meta, metricsOrigins } = normaliseMeta(data[X_LABDECK], X_LABDECK in data, name, ctx);
  const declared = {
    volumes: new Set(volumes),
    networks: new Set(networks.map((n) => n.name)),
    configs: new Set(isPlainObject(data.configs) ? Object.keys(data.configs) : []),
    secrets: new Set(isPlainObject(data.secrets) ? Object.keys(data.secrets) : []),
  };
  runSemanticChecks(services, declared, namedServices(meta, metricsOrigins), ctx);

  // One round: with any hard error, the unsupported keys are listed too, so nothing is left for a second try.
  if (sink.errors.length) {
    const said = new Set(sink.errors.map((e) => e.path));
    throw new TemplateInvalidError(absFile, [...sink.errors, ...sink.unsupported.filter((u) => !said.has(u.path))]);
  }
  return {
    file: absFile,
    // Trust is given per content: what the env files and host variables put into the plan is content too.
    sha256: templateDigest(text, env?.fingerprint() ?? '', files.texts),
    name,
    meta,
    services: services.map((s) => s.spec),
    networks,
    volumes,
    configs,
    secrets,
    unsupported: sortIssues(sink.unsupported),
    warnings: sortIssues(sink.warnings),
    hostVariables: [...(env?.fromHost ?? [])].sort(),
  };
}
