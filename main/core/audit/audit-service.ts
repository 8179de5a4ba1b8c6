import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { parse } from 'yaml';
import { LabdeckError } from '../../api/errors';
import type { AuditReport } from '../../api/schemas/audit';
import { isLabId, labFilter, LAB_LABEL, ROLE_LABEL, SERVICE_LABEL, TEMPLATE_LABEL } from '../labs/lab-labels';
import type { TemplateCatalog } from '../labs/template-catalog';
import { loadTemplate } from '../labs/template/load-template';
import { auditReport, type AuditException } from './audit-report';
import type { AuditSubject } from './audit-subject';
import { subjectFromInspect } from './from-inspect';
import { subjectsFromTemplate } from './from-template';

export interface AuditServiceDeps {
  catalog: TemplateCatalog;
  /** The current engine, or undefined when none answers (templates are still audited). */
  docker: () => Promise<Docker | undefined>;
}

/** The template's `services:` as plain YAML, for the keys the template model leaves out (privileged, pid: host). */
async function rawServices(file: string): Promise<Record<string, unknown>> {
  const doc = parse(await readFile(file, 'utf8')) as { services?: Record<string, unknown> } | null;
  return doc?.services && typeof doc.services === 'object' ? doc.services : {};
}

/** `labdeck audit`: the Docker security checklist over a template as written or a lab as it runs. */
export class AuditService {
  constructor(private readonly d: AuditServiceDeps) {}

  async template(ref: string): Promise<AuditReport> {
    const { file } = this.d.catalog.resolve(ref);
    const t = await loadTemplate(file);
    return auditReport('template', t.file, subjectsFromTemplate(t, await rawServices(t.file)), t.meta.auditExceptions);
  }

  /**
   * The lab's own services as the engine runs them (Labdeck's monitoring containers are not the
   * template's and are left out). Exceptions come from the template the lab was made from, if it still loads.
   */
  async lab(labId: string): Promise<AuditReport> {
    const docker = await this.d.docker();
    if (!docker) throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: 'Start Docker or Podman, or audit the template file instead.' });
    const list = (await docker.listContainers({ all: true, filters: { label: [...labFilter(labId).label, `${ROLE_LABEL}=service`] } })).filter((c) => c.Labels[LAB_LABEL] === labId);
    if (!list.length) throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`, or give a template to audit.' });
    const byService = new Map<string, AuditSubject>();
    for (const c of list) {
      const service = c.Labels[SERVICE_LABEL] ?? c.Names[0] ?? c.Id;
      if (byService.has(service)) continue;
      const info = await docker.getContainer(c.Id).inspect();
      byService.set(service, await this.withoutImageEnv(docker, subjectFromInspect(service, info), info.Image));
    }
    const subjects = [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
    return auditReport('lab', labId, subjects, await this.exceptionsOf(list[0].Labels[TEMPLATE_LABEL]));
  }

  /** A lab id with containers on the engine is audited live; anything else is a template. */
  async audit(ref: string): Promise<AuditReport> {
    if (isLabId(ref)) {
      const docker = await this.d.docker().catch(() => undefined);
      const found = docker ? await docker.listContainers({ all: true, filters: labFilter(ref) }).catch(() => []) : [];
      if (found.length) return this.lab(ref);
    }
    return this.template(ref);
  }

  /** Variables the image itself sets (PATH, GPG_KEY of python images) are the image's, not the lab's settings. */
  private async withoutImageEnv(docker: Docker, s: AuditSubject, imageId: string): Promise<AuditSubject> {
    const image = await docker.getImage(imageId).inspect().catch(() => undefined);
    const fromImage = new Set(image?.Config?.Env ?? []);
    return { ...s, environment: Object.fromEntries(Object.entries(s.environment).filter(([k, v]) => !fromImage.has(`${k}=${v}`))) };
  }

  private async exceptionsOf(templateFile: string | undefined): Promise<AuditException[]> {
    if (!templateFile) return [];
    const t = await loadTemplate(templateFile).catch(() => undefined);
    return t?.meta.auditExceptions ?? [];
  }
}
