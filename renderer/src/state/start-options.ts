import { PlanParams } from '../../../main/api/schemas/labs';

/** What the start dialog adds to labs.plan / labs.up: env files beside the template (Compose's --env-file) and profiles. */
export interface StartOptions {
  envFiles?: string[];
  profiles?: string[];
}

const words = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** The two fields as the API takes them, checked by the API's own schema; the first problem is returned to show. */
export function parseStartOptions(envFilesText: string, profilesText: string): StartOptions | { error: string } {
  const wanted = { template: 'x', envFiles: words(envFilesText), profiles: words(profilesText) };
  const parsed = PlanParams.safeParse(wanted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue.path[0] === 'envFiles' ? 'Env files' : 'Profiles'}: ${issue.message}` };
  }
  return { ...(wanted.envFiles.length ? { envFiles: wanted.envFiles } : {}), ...(wanted.profiles.length ? { profiles: wanted.profiles } : {}) };
}
