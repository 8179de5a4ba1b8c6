import type { TemplateSummary } from '../api/schemas/labs';

/**
 * The template catalog as a console caller other than the owner sees it: no folder of the owner's
 * machine. Each template is named by its catalog name (what `labs.up` takes from them), templates
 * opened from a path are left out, and a load error keeps its message with the folder cut away.
 */
export function templatesWithoutPaths(all: TemplateSummary[]): TemplateSummary[] {
  return all
    .filter((t) => t.source !== 'file')
    .map((t) => {
      const folder = t.file.slice(0, Math.max(t.file.lastIndexOf('/'), t.file.lastIndexOf('\\')) + 1);
      const error = t.error === undefined ? undefined : scrub(t.error, folder);
      return { ...t, file: t.name, ...(error === undefined ? {} : { error }) };
    });
}

function scrub(message: string, folder: string): string {
  const cut = folder ? message.split(folder).join('') : message;
  // any other absolute path left in the message (an include, a mount) keeps only its last part
  return cut.replace(/(?:[A-Za-z]:)?(?:[\\/][\w .@+-]+){2,}/g, (p) => `…${p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')))}`);
}
