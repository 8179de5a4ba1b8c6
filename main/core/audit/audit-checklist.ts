import type { AuditCheckId, AuditSeverity } from './audit-check-ids';
import type { AuditFinding } from './audit-finding';
import type { AuditSubject } from './audit-subject';

interface Check {
  id: AuditCheckId;
  severity: AuditSeverity | ((s: AuditSubject) => AuditSeverity);
  setting: string;
  why: string;
  /** The Compose lines under `services.<name>:` that fix it. */
  fix: string;
  /** What is wrong, or undefined when the service passes. */
  test: (s: AuditSubject) => string | undefined;
}

/** Capabilities that amount to root on the host, or close to it (mount, load modules, trace any process, raw disk). */
const DANGEROUS_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'BPF', 'PERFMON', 'SYS_BOOT', 'MAC_ADMIN']);
const ENGINE_SOCKETS = /(^|\/)(docker|podman|containerd|crio|dockershim)\.sock$/;
/** Names that hold credentials by convention; a `_FILE` suffix (a path to a mounted secret) is the fix and is not matched. */
const SECRET_NAME = /(^|_)(TOKEN|PASSWORD|PASSWD|SECRET|KEY|APIKEY|CREDENTIALS?)$/i;
const ROOT_USERS = new Set(['', 'root', '0']);

const capName = (c: string): string => c.toUpperCase().replace(/^CAP_/, '');
const isRoot = (user: string): boolean => ROOT_USERS.has(user.split(':')[0]);

export const CHECKS: Check[] = [
  {
    id: 'privileged',
    severity: 'high',
    setting: 'privileged',
    why: 'A privileged container has every capability and every host device, with no seccomp or AppArmor: a root process in it is root on the host.',
    fix: 'privileged: false   # add back only the capability it needs with cap_add',
    test: (s) => (s.privileged ? 'runs privileged' : undefined),
  },
  {
    id: 'engine-socket',
    severity: 'high',
    setting: 'volumes',
    why: 'Whoever reaches the engine socket can start a privileged container that mounts `/`: the socket is root on the host.',
    fix: 'volumes: []   # remove the engine socket mount; give the tool a narrowed API proxy if it truly needs one',
    test: (s) => {
      const found = s.bindSources.filter((p) => ENGINE_SOCKETS.test(p));
      return found.length ? `mounts the engine socket ${found.join(', ')}` : undefined;
    },
  },
  {
    id: 'host-namespaces',
    severity: 'high',
    setting: 'network_mode / pid / ipc',
    why: "Sharing the host's network, process or IPC namespace lets the container see and reach the host's services and processes.",
    fix: '# remove network_mode: host, pid: host, ipc: host (and uts/userns: host); publish ports instead',
    test: (s) => (s.hostNamespaces.length ? `shares the host's ${s.hostNamespaces.join(', ')} namespace` : undefined),
  },
  {
    id: 'unconfined',
    severity: 'high',
    setting: 'security_opt',
    why: 'seccomp or AppArmor unconfined removes the filters that block the kernel calls most container escapes use.',
    fix: 'security_opt: ["no-new-privileges:true"]   # and no seccomp/apparmor=unconfined',
    test: (s) => {
      const found = s.securityOpt.filter((o) => /^(seccomp|apparmor)[=:]unconfined$/i.test(o) || /^label[=:]disable$/i.test(o));
      return found.length ? `security_opt ${found.join(', ')}` : undefined;
    },
  },
  {
    id: 'cap-add',
    severity: 'high',
    setting: 'cap_add',
    why: 'These capabilities give powers close to root on the host (mounting, tracing other processes, changing the network).',
    fix: 'cap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE]   # only what the process needs, never ALL or SYS_ADMIN',
    test: (s) => {
      const found = s.capAdd.map(capName).filter((c) => DANGEROUS_CAPS.has(c));
      return found.length ? `adds ${found.join(', ')}` : undefined;
    },
  },
  {
    id: 'secret-env',
    severity: 'high',
    setting: 'environment',
    why: 'Environment values are shown by `docker inspect`, copied into logs and crash reports and inherited by every child process.',
    fix: 'environment:\n  DB_PASSWORD_FILE: /run/secrets/db-password   # the app reads the file\nconfigs:\n  - { source: db-password, target: /run/secrets/db-password, mode: 0400 }',
    test: (s) => {
      const found = Object.entries(s.environment).filter(([k, v]) => SECRET_NAME.test(k) && v.trim() !== '').map(([k]) => k);
      return found.length ? `secret values in ${found.join(', ')}` : undefined;
    },
  },
  {
    id: 'non-root-user',
    severity: (s) => (s.user === undefined ? 'medium' : 'high'),
    setting: 'user',
    why: 'Root in the container is root on the host kernel: one escape bug away from the host, and it may write anything the container mounts.',
    fix: 'user: "10001:10001"   # or the image\'s own unprivileged user, e.g. node, nobody',
    test: (s) => (s.user === undefined ? 'no user: set; the image decides (root for most images)' : isRoot(s.user) ? `runs as root${s.user ? ` (user: ${s.user})` : ''}` : undefined),
  },
  {
    id: 'cap-drop-all',
    severity: 'medium',
    setting: 'cap_drop',
    why: "The engine's default capabilities (chown, setuid, raw sockets, …) are more than most services use; drop them all and add back what is needed.",
    fix: 'cap_drop: [ALL]\ncap_add: []   # add back only what it needs, e.g. NET_BIND_SERVICE for ports < 1024',
    test: (s) => (s.capDrop.map(capName).includes('ALL') ? undefined : s.capDrop.length ? `drops only ${s.capDrop.join(', ')}` : 'keeps the default capabilities'),
  },
  {
    id: 'read-only-rootfs',
    severity: 'medium',
    setting: 'read_only',
    why: 'A writable root filesystem lets an intruder change binaries and config and hide tools; a read-only one keeps the image as shipped.',
    fix: 'read_only: true\ntmpfs: [/tmp]   # writable paths the program needs, as tmpfs or volumes',
    test: (s) => (s.readOnlyRootfs ? undefined : 'root filesystem is writable'),
  },
  {
    id: 'no-new-privileges',
    severity: 'medium',
    setting: 'security_opt',
    why: 'Without no-new-privileges a setuid binary in the image can raise a process back to root.',
    fix: 'security_opt: ["no-new-privileges:true"]',
    test: (s) => (s.securityOpt.some((o) => /^no-new-privileges(?:[=:]true)?$/i.test(o)) ? undefined : 'no-new-privileges is not set'),
  },
  {
    id: 'memory-limit',
    severity: 'medium',
    setting: 'deploy.resources.limits.memory',
    why: 'Without a memory limit one leaking service can take all the memory of the machine and get other services OOM-killed.',
    fix: 'deploy:\n  resources:\n    limits: { memory: 256m }',
    test: (s) => (s.memLimitBytes ? undefined : 'no memory limit'),
  },
  {
    id: 'image-tag',
    severity: 'medium',
    setting: 'image',
    why: '`latest` or no tag means a different image on every pull: not reproducible, and a bad push reaches you unnoticed.',
    fix: 'image: nginx:1.27   # a fixed version, or pin a digest: nginx@sha256:…',
    test: (s) => {
      if (s.image.includes('@sha256:')) return undefined;
      const tag = /:([^/:]+)$/.exec(s.image)?.[1];
      return tag === undefined ? `image ${s.image} has no tag` : tag === 'latest' ? `image ${s.image} uses latest` : undefined;
    },
  },
  {
    id: 'cpu-limit',
    severity: 'low',
    setting: 'deploy.resources.limits.cpus',
    why: 'Without a CPU limit a busy loop in one service slows down every other service on the machine.',
    fix: 'deploy:\n  resources:\n    limits: { cpus: "0.5" }',
    test: (s) => (s.nanoCpus ? undefined : 'no CPU limit'),
  },
  {
    id: 'healthcheck',
    severity: 'low',
    setting: 'healthcheck',
    why: 'Without a healthcheck a hung process looks "running": dependants start too early and nobody restarts it.',
    fix: 'healthcheck:\n  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]\n  interval: 5s',
    test: (s) => ({ set: undefined, none: 'no healthcheck', disabled: 'healthcheck disabled', unknown: "no healthcheck in the template (only the image's own, if it has one)" })[s.healthcheck],
  },
];

/** Indents the fix under `services.<name>:` so it can be pasted into the Compose file. */
function snippet(service: string, fix: string): string {
  const body = fix.split('\n').map((l) => `    ${l}`).join('\n');
  return `services:\n  ${service}:\n${body}`;
}

/** Every item of the checklist the service misses, most severe first (stable within one severity). */
export function auditSubject(s: AuditSubject): AuditFinding[] {
  return CHECKS.flatMap((c) => {
    const found = c.test(s);
    if (found === undefined) return [];
    const severity = typeof c.severity === 'function' ? c.severity(s) : c.severity;
    return [{ service: s.service, check: c.id, severity, setting: c.setting, found, why: c.why, fix: snippet(s.service, c.fix) }];
  });
}
