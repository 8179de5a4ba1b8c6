import type Docker from 'dockerode';
import type { AuditSubject } from './audit-subject';

const SHARED = ['host'];

/** `KEY=VALUE` lines as a map (a line without `=` has an empty value). */
function envMap(lines: string[] | null | undefined): Record<string, string> {
  return Object.fromEntries((lines ?? []).map((l) => (l.includes('=') ? [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] : [l, ''])));
}

/**
 * What a running container actually has, from `docker inspect`: a setting changed after `up`
 * (docker update, a recreated container) is seen here and not in the template.
 */
export function subjectFromInspect(service: string, info: Docker.ContainerInspectInfo): AuditSubject {
  const h = info.HostConfig as Docker.HostConfig & { UTSMode?: string; CgroupnsMode?: string };
  const namespaces: [string | undefined, string][] = [
    [h.NetworkMode, 'network'],
    [h.PidMode, 'pid'],
    [h.IpcMode, 'ipc'],
    [h.UTSMode, 'uts'],
    [h.UsernsMode, 'userns'],
  ];
  const cpuQuota = h.CpuQuota && h.CpuPeriod ? Math.round((h.CpuQuota / h.CpuPeriod) * 1e9) : 0;
  const subject: AuditSubject = {
    service,
    image: info.Config.Image,
    user: info.Config.User ?? '',
    readOnlyRootfs: h.ReadonlyRootfs === true,
    capAdd: h.CapAdd ?? [],
    capDrop: h.CapDrop ?? [],
    privileged: h.Privileged === true,
    healthcheck: !info.Config.Healthcheck?.Test?.length ? 'none' : info.Config.Healthcheck.Test[0] === 'NONE' ? 'disabled' : 'set',
    securityOpt: h.SecurityOpt ?? [],
    bindSources: (info.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => m.Source),
    environment: envMap(info.Config.Env),
    hostNamespaces: namespaces.filter(([mode]) => mode !== undefined && SHARED.includes(mode)).map(([, ns]) => ns),
  };
  if (h.Memory) subject.memLimitBytes = h.Memory;
  if (h.NanoCpus || cpuQuota) subject.nanoCpus = h.NanoCpus || cpuQuota;
  return subject;
}
