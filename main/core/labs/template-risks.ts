import type { TemplateRisk } from '../../api/schemas/template-risks';
import { classifyHostPath, type HostPathContext } from './host-path-risks';
import { dirname, isAbsolute, relative } from 'node:path';
import type { LabTemplate, MountSpec, ServiceSpec } from './template-model';

export type { TemplateRisk, RiskKind, RiskLevel } from '../../api/schemas/template-risks';
export { riskId } from '../../api/schemas/template-risks';

/** More replicas than this is refused at plan: a laptop lab, not a load test (LABDECK_MAX_REPLICAS raises it). */
export const DEFAULT_MAX_REPLICAS = 20;

export interface RiskContext extends HostPathContext {
  maxReplicas: number;
  /** The path the engine will really mount (symlinks resolved); the identity when not given. */
  realPath?: (path: string) => string;
}

const CAPABILITY_WHY: Record<string, string> = {
  ALL: 'every capability: as good as --privileged',
  SYS_ADMIN: 'mount filesystems and much of what root on the host kernel may do',
  NET_ADMIN: 'reconfigure its network: interfaces, routes, firewall rules',
  SYS_PTRACE: 'trace and read the memory of other processes it can see',
  SYS_MODULE: 'load kernel modules into the host kernel',
  DAC_READ_SEARCH: 'read any file it can reach, bypassing permissions (and escape a bind mount with open_by_handle_at)',
};
const UNCONFINED = /^(seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths[=:]unconfined)$/i;

const risk = (s: ServiceSpec, r: Omit<TemplateRisk, 'service'>): TemplateRisk => ({ service: s.name, ...r });

function mountRisk(s: ServiceSpec, m: MountSpec, ctx: RiskContext): TemplateRisk | undefined {
  if (m.type !== 'bind' || !m.source) return undefined;
  const real = ctx.realPath ? ctx.realPath(m.source) : m.source;
  const via = real === m.source ? '' : ` (really ${real})`;
  const mode = m.readOnly ? 'read-only' : 'read-write';
  const setting = `volumes: ${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`;
  const c = classifyHostPath(real, ctx);
  if (c.kind === 'engine-access' || c.refused) {
    return risk(s, { kind: c.kind, level: 'refused', setting, allow: m.source, message: `mounts ${c.why}${via}, ${mode}` });
  }
  return risk(s, { kind: 'host-path', level: 'trust', setting, message: `mounts the host folder ${real}${via}, ${mode}` });
}

/** A build context outside the template's folder: the engine is sent a folder of this machine the template's author chose. */
function buildRisk(s: ServiceSpec, templateDir: string, ctx: RiskContext): TemplateRisk | undefined {
  if (!s.build) return undefined;
  const real = ctx.realPath ?? ((p: string) => p);
  const context = real(s.build.context);
  const rel = relative(real(templateDir), context);
  if (rel === '' || !(rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel))) return undefined;
  const via = context === s.build.context ? '' : ` (really ${context})`;
  return risk(s, { kind: 'build-context', level: 'trust', setting: `build: ${s.build.context}`, message: `builds from ${s.build.context}${via}, outside the template's folder: every file there not in its .dockerignore is sent to the engine and may be copied into the image` });
}

function serviceRisks(s: ServiceSpec, ctx: RiskContext, templateDir: string): TemplateRisk[] {
  const out: TemplateRisk[] = [];
  const build = buildRisk(s, templateDir, ctx);
  if (build) out.push(build);
  for (const m of s.mounts) {
    const r = mountRisk(s, m, ctx);
    if (r) out.push(r);
  }
  for (const raw of s.capAdd) {
    const cap = raw.toUpperCase().replace(/^CAP_/, '');
    out.push(risk(s, { kind: 'capability', level: 'trust', setting: `cap_add: ${raw}`, message: `adds ${cap}: ${CAPABILITY_WHY[cap] ?? 'a capability Docker does not grant by default'}` }));
  }
  for (const opt of s.securityOpt) {
    if (UNCONFINED.test(opt)) out.push(risk(s, { kind: 'security-opt', level: 'trust', setting: `security_opt: ${opt}`, message: `turns off a kernel confinement (${opt.split(/[=:]/)[0]}) that stops escapes` }));
    else out.push(risk(s, { kind: 'security-opt', level: 'note', setting: `security_opt: ${opt}`, message: `sets the security option ${opt}` }));
  }
  if (s.user !== undefined && /^(0|root)(:.*)?$/.test(s.user.trim())) {
    out.push(risk(s, { kind: 'root-user', level: 'trust', setting: `user: ${s.user}`, message: 'runs as root: with any host mount or capability above, root on the host' }));
  }
  for (const key of s.hostEnv) {
    out.push(risk(s, { kind: 'host-env', level: 'trust', setting: `environment: ${key}`, message: `copies ${key} from Labdeck's own environment into the container` }));
  }
  if (s.memLimitBytes === undefined || s.nanoCpus === undefined) {
    const missing = [s.memLimitBytes === undefined ? 'memory' : '', s.nanoCpus === undefined ? 'cpus' : ''].filter(Boolean).join(' and ');
    const what = s.memLimitBytes === undefined && s.nanoCpus === undefined ? "the laptop's memory and CPU" : s.memLimitBytes === undefined ? "the laptop's memory" : "the laptop's CPU";
    out.push(risk(s, { kind: 'no-limits', level: 'note', setting: `deploy.resources.limits: no ${missing}`, message: `it can take all ${what}` }));
  }
  if (s.replicas > ctx.maxReplicas) {
    out.push(risk(s, { kind: 'replicas', level: 'refused', setting: `deploy.replicas: ${s.replicas}`, message: `asks for ${s.replicas} replicas; the limit is ${ctx.maxReplicas} (LABDECK_MAX_REPLICAS)` }));
  }
  return out;
}

/**
 * What a template lets its containers do to the host, per service. Pure over the loaded template:
 * the caller supplies the host facts (home, data dir, engine sockets, symlink resolution).
 * Devices, `privileged` and host namespaces (network_mode/pid/ipc/uts: host) never get here:
 * the loader reports them as unsupported and `up` refuses them.
 */
export function templateRisks(t: LabTemplate, ctx: RiskContext): TemplateRisk[] {
  // `${VAR}` filled from Labdeck's own environment copies a host value into the lab, wherever it is written.
  const hostVariables = (t.hostVariables ?? []).map((name) => ({
    service: '(template)',
    kind: 'host-env' as const,
    level: 'trust' as const,
    setting: `\${${name}}`,
    message: `fills \${${name}} from Labdeck's own environment (not from an env file)`,
  }));
  return [...t.services.flatMap((s) => serviceRisks(s, ctx, dirname(t.file))), ...hostVariables];
}
