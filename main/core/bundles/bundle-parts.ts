import { createReadStream, existsSync, statSync } from 'node:fs';
import { LabdeckError } from '../../api/errors';
import { partName } from './part-sink';

export interface BundleFiles {
  /** The file, or FILE.part1…N in order (as many as are found next to the first). */
  files: { path: string; size: number }[];
  split: boolean;
}

/** FILE, FILE.part1 or FILE (when FILE.part1 exists beside it): the files holding the bundle. */
export function findBundleFiles(arg: string): BundleFiles {
  const m = /^(.*)\.part1$/.exec(arg);
  const base = m ? m[1] : !existsSync(arg) && existsSync(partName(arg, 1)) ? arg : undefined;
  if (base === undefined) {
    if (!existsSync(arg) || !statSync(arg).isFile()) throw new LabdeckError('NOT_FOUND', `no bundle file ${arg}`, { path: arg });
    return { files: [{ path: arg, size: statSync(arg).size }], split: false };
  }
  const files: BundleFiles['files'] = [];
  for (let n = 1; existsSync(partName(base, n)); n++) files.push({ path: partName(base, n), size: statSync(partName(base, n)).size });
  if (files.length === 0) throw new LabdeckError('NOT_FOUND', `no bundle part ${partName(base, 1)}`, { path: arg });
  return { files, split: true };
}

/** Checks the parts found against the manifest's `parts` (before any entry past the manifest is read). */
export function checkParts(found: BundleFiles, parts: { count: number; size: number } | undefined): void {
  if (!parts) {
    if (found.split && found.files.length > 1) throw new LabdeckError('BUNDLE_INVALID', `${found.files[0].path}: the manifest says the bundle is one file, but ${found.files.length} parts are here`, { path: found.files[0].path });
    return;
  }
  if (found.files.length < parts.count) {
    const missing = partName(found.files[0].path.replace(/\.part1$/, ''), found.files.length + 1);
    throw new LabdeckError('BUNDLE_INVALID', `part ${found.files.length + 1} of ${parts.count} is missing (${missing})`, { path: missing, hint: 'Copy every part file next to the first one.' });
  }
  found.files.length = parts.count; // a stale extra part is not read
  found.files.forEach((f, i) => {
    const last = i === parts.count - 1;
    if ((!last && f.size !== parts.size) || (last && (f.size > parts.size || f.size === 0))) {
      throw new LabdeckError('BUNDLE_INVALID', `${f.path}: ${f.size} bytes, expected ${last ? `at most ${parts.size}` : parts.size} (a truncated or altered part)`, { path: f.path });
    }
  });
}

/** The bytes of every file in order, as one stream (the list is read as it goes: checkParts may trim it). */
export async function* concatFiles(files: { path: string }[]): AsyncGenerator<Buffer> {
  for (let i = 0; i < files.length; i++) for await (const chunk of createReadStream(files[i].path, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
}
