import { isAbsolute, join, posix, resolve } from 'node:path';
import type { BuildSpec } from '../template-model';
import { isPlainObject } from './compose-values';
import { listOrDict, normaliseLabels } from './service-environment';
import type { TemplateContext } from './template-context';
import type { DocPath } from './yaml-locate';

/** `build:` keys Labdeck passes to the engine; the others (ssh, secrets, cache_from, platforms, …) are reported as unsupported. */
const BUILD_KEYS = new Set(['context', 'dockerfile', 'dockerfile_inline', 'args', 'target', 'labels']);

/** A remote context (a Git URL or an HTTP tarball): Labdeck builds only from folders on this machine. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

function contextPath(raw: string, ctx: TemplateContext): string {
  if (raw === '~' || raw.startsWith('~/')) return join(ctx.homeDir, raw.slice(1));
  return isAbsolute(raw) ? resolve(raw) : resolve(ctx.templateDir, raw);
}

/** Build args as Compose takes them: a map or `KEY=value` list; a key alone takes its value from the environment, or is left out. */
function buildArgs(raw: unknown, ctx: TemplateContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of listOrDict(raw)) {
    const v = value ?? ctx.env[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A service's `build:` (a context path, or the long form) as a BuildSpec; undefined when absent or unusable. */
export function normaliseBuild(raw: unknown, at: DocPath, ctx: TemplateContext): BuildSpec | undefined {
  if (raw === undefined) return undefined;
  const long = isPlainObject(raw) ? raw : typeof raw === 'string' ? { context: raw } : undefined;
  if (!long) return void ctx.sink.error(at, '`build:` is a context folder or a mapping with `context:`');
  for (const key of Object.keys(long)) if (!BUILD_KEYS.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([...at, key], `build.${key}`);
  const where = typeof raw === 'string' ? at : [...at, 'context'];
  const context = typeof long.context === 'string' && long.context.trim() ? long.context.trim() : '.';
  if (REMOTE.test(context)) {
    ctx.sink.unsupportedValue(where, `Labdeck builds only from a folder on this machine, not from ${context}`);
    return undefined;
  }
  const spec: BuildSpec = {
    context: contextPath(context, ctx),
    dockerfile: 'Dockerfile',
    args: buildArgs(long.args, ctx),
    labels: normaliseLabels(long.labels),
  };
  if (typeof long.dockerfile_inline === 'string') {
    if (long.dockerfile !== undefined) ctx.sink.error([...at, 'dockerfile_inline'], '`dockerfile` and `dockerfile_inline` are exclusive: keep one');
    spec.dockerfileInline = long.dockerfile_inline;
  } else if (typeof long.dockerfile === 'string' && long.dockerfile.trim()) {
    const file = long.dockerfile.trim().replace(/\\/g, '/');
    const normal = posix.normalize(file);
    if (posix.isAbsolute(file) || normal === '..' || normal.startsWith('../')) ctx.sink.unsupportedValue([...at, 'dockerfile'], `the Dockerfile must sit inside the build context (write it relative to ${context})`);
    else spec.dockerfile = normal;
  }
  if (typeof long.target === 'string' && long.target.trim()) spec.target = long.target.trim();
  return spec;
}
