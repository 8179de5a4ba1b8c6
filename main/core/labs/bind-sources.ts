import { mkdirSync, statSync } from 'node:fs';
import { LabdeckError } from '../../api/errors';
import type { LabTemplate } from './template-model';

const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Bind mounts whose host path is missing: refused for `create_host_path: false`, else to create at `up`. */
function missingBinds(t: LabTemplate): { service: string; source: string; create: boolean }[] {
  return t.services.flatMap((s) =>
    s.mounts.filter((m) => m.type === 'bind' && m.source && !exists(m.source)).map((m) => ({ service: s.name, source: m.source!, create: m.createHostPath !== false })),
  );
}

/** Plan and up refuse a missing host path the template says not to create. */
export function checkBindSources(t: LabTemplate): void {
  const refused = missingBinds(t).filter((m) => !m.create);
  if (!refused.length) return;
  throw new LabdeckError('TEMPLATE_INVALID', `${t.file}: ${refused.map((m) => `service ${m.service} mounts ${m.source}, which does not exist (create_host_path: false)`).join('; ')}`, {
    hint: 'Create the folder, correct the path, or drop `create_host_path: false` so up creates it',
  });
}

/** As Compose does for the short syntax: a missing host folder is created (empty) before the containers. */
export function createBindSources(t: LabTemplate): string[] {
  const created = missingBinds(t).filter((m) => m.create);
  for (const m of created) mkdirSync(m.source, { recursive: true });
  return created.map((m) => m.source);
}
