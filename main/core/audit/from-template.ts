import type { LabTemplate, ServiceSpec } from '../labs/template-model';
import type { AuditSubject } from './audit-subject';

/** Service keys the template model does not carry (Labdeck refuses them at `up`), read from the raw YAML. */
const NAMESPACE_KEYS: [key: string, namespace: string][] = [
  ['network_mode', 'network'],
  ['pid', 'pid'],
  ['ipc', 'ipc'],
  ['uts', 'uts'],
  ['userns_mode', 'userns'],
];

type RawService = Record<string, unknown>;

function healthcheck(s: ServiceSpec): AuditSubject['healthcheck'] {
  if (!s.healthcheck) return 'unknown';
  return s.healthcheck.test[0] === 'NONE' ? 'disabled' : 'set';
}

/** What a template service asks the engine for, as the checklist reads it. */
export function subjectFromTemplate(s: ServiceSpec, raw: RawService = {}): AuditSubject {
  const subject: AuditSubject = {
    service: s.name,
    image: s.image,
    readOnlyRootfs: s.readOnly,
    capAdd: s.capAdd,
    capDrop: s.capDrop,
    privileged: raw.privileged === true,
    healthcheck: healthcheck(s),
    securityOpt: s.securityOpt,
    bindSources: s.mounts.filter((m) => m.type === 'bind' && m.source).map((m) => m.source!),
    environment: s.environment,
    hostNamespaces: NAMESPACE_KEYS.filter(([key]) => raw[key] === 'host').map(([, ns]) => ns),
  };
  if (s.user !== undefined) subject.user = s.user;
  if (s.memLimitBytes !== undefined) subject.memLimitBytes = s.memLimitBytes;
  if (s.nanoCpus !== undefined) subject.nanoCpus = s.nanoCpus;
  return subject;
}

/** Every service of a loaded template; `rawServices` is the file's `services:` map as parsed YAML. */
export function subjectsFromTemplate(t: LabTemplate, rawServices: Record<string, unknown> = {}): AuditSubject[] {
  return t.services.map((s) => {
    const raw = rawServices[s.name];
    return subjectFromTemplate(s, raw && typeof raw === 'object' ? (raw as RawService) : {});
  });
}
