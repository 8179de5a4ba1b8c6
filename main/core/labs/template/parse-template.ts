import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { LabTemplate } from '../template-model';
import { checkComposeSchema } from './compose-schema-check';
import { isPlainObject } from './compose-values';
import { namedServices, normaliseMeta, X_LABDECK } from './lab-meta';
import { normaliseService } from './normalise-service';
import { normaliseConfigs, normaliseNetworks, normaliseVolumes, projectName, reportUnsupportedTopLevel } from './normalise-top-level';
import { runSemanticChecks } from './semantic-checks';
import { siblingReader, type ReadSibling, type TemplateContext } from './template-context';
import { sortIssues, TemplateInvalidError } from './template-issues';
import { scalarSource } from './yaml-locate';
import { readYamlDocument } from './yaml-document';

/**
 * Parses, validates and normalises a lab template from its text. Pure and synchronous: files beside the
 * template are read only through `readSibling`. Throws TemplateInvalidError listing every problem found.
 */
export function parseTemplate(text: string, file: string, readSibling: ReadSibling): LabTemplate {
  const absFile = resolve(file);
  const { doc, sink, data } = readYamlDocument(text, absFile, { merge: true });
  if (!isPlainObject(data)) {
    sink.error([], 'a lab template is a YAML mapping with `services:` (a Compose file)');
    throw new TemplateInvalidError(absFile, sink.errors);
  }

  const ctx: TemplateContext = {
    sink,
    templateDir: dirname(absFile),
    homeDir: homedir(),
    env: process.env,
    scalarSource: (path) => scalarSource(doc, path),
    readSibling: siblingReader(sink, readSibling),
  };
  checkComposeSchema(data, sink);
  const name = projectName(data, absFile, ctx);
  reportUnsupportedTopLevel(data, ctx);
  const networks = normaliseNetworks(data, ctx);
  const volumes = normaliseVolumes(data, ctx);
  const configs = normaliseConfigs(data, ctx);
  const services = Object.entries(isPlainObject(data.services) ? data.services : {}).map(([n, raw]) => normaliseService(n, raw, ctx));
  const { meta, metricsOrigins } = normaliseMeta(data[X_LABDECK], X_LABDECK in data, name, ctx);
  const declared = {
    volumes: new Set(volumes),
    networks: new Set(networks.map((n) => n.name)),
    configs: new Set(isPlainObject(data.configs) ? Object.keys(data.configs) : []),
  };
  runSemanticChecks(services, declared, namedServices(meta, metricsOrigins), ctx);

  if (sink.errors.length) throw new TemplateInvalidError(absFile, sink.errors);
  return {
    file: absFile,
    sha256: createHash('sha256').update(text).digest('hex'),
    name,
    meta,
    services: services.map((s) => s.spec),
    networks,
    volumes,
    configs,
    unsupported: sortIssues(sink.unsupported),
  };
}
