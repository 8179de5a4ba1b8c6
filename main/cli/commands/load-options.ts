import { resolve } from 'node:path';
import type { LoadOptions } from '../../core/labs/template/load-template';

/** Commander collector for a repeatable option. */
export const collectOption = (value: string, previous: string[]): string[] => [...previous, value];

/** `--env-file` (paths from the working directory, as Compose reads them) and `--profile` as template load options. */
export function loadOptions(o: { envFile?: string[]; profile?: string[] }): LoadOptions {
  return { envFiles: o.envFile?.map((f) => resolve(f)), profiles: o.profile };
}
