import { posix } from 'node:path';
import type { IssueSink } from './template-issues';
import type { DocPath } from './yaml-locate';

/** Reads a file beside the template by its relative name (already checked not to escape the folder). */
export type ReadSibling = (name: string) => string;

/** What the normalisers share while one template is checked. */
export interface TemplateContext {
  sink: IssueSink;
  /** Folder of the template: relative bind mounts resolve against it. */
  templateDir: string;
  homeDir: string;
  /** Values for `environment` entries without a value. */
  env: Record<string, string | undefined>;
  /** Source text of a scalar as written (for octal modes like `0440`). */
  scalarSource(path: DocPath): string | undefined;
  /** Reads a file beside the template, or records a located issue and returns undefined. */
  readSibling(name: string, at: DocPath, opts?: { optional?: boolean }): string | undefined;
}

/** The name relative to the template folder, or why it is refused (absolute, or escaping with `..`). */
export function siblingName(name: string): { name: string } | { error: string } {
  const slashed = name.replace(/\\/g, '/');
  if (!slashed.trim()) return { error: 'empty file name' };
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.startsWith('~')) {
    return { error: `${name} is absolute: files must sit beside the template (e.g. ./${posix.basename(slashed)})` };
  }
  const normal = posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../')) return { error: `${name} is outside the template folder` };
  return { name: normal };
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return err instanceof Error ? err.message : String(err);
}

/** Wraps the caller's reader: refuses escaping names and turns failures into issues at `at`. */
export function siblingReader(sink: IssueSink, read: ReadSibling): TemplateContext['readSibling'] {
  return (name, at, opts = {}) => {
    const checked = siblingName(name);
    if ('error' in checked) {
      sink.error(at, checked.error);
      return undefined;
    }
    try {
      return read(checked.name);
    } catch (err) {
      if (!opts.optional) sink.error(at, `cannot read ${name} beside the template: ${reasonOf(err)}`);
      return undefined;
    }
  };
}
