import { describe, expect, it } from 'vitest';
import { auditSubject } from './audit-checklist';
import { auditReport, failsAt } from './audit-report';
import type { AuditSubject } from './audit-subject';

/** A service that passes every item: the baseline each hostile case changes one thing of. */
const HARDENED: AuditSubject = {
  service: 'web',
  image: 'nginx:1.27',
  user: '10001:10001',
  readOnlyRootfs: true,
  capAdd: ['NET_BIND_SERVICE'],
  capDrop: ['ALL'],
  privileged: false,
  memLimitBytes: 256 * 2 ** 20,
  nanoCpus: 5e8,
  healthcheck: 'set',
  securityOpt: ['no-new-privileges:true'],
  bindSources: ['/home/me/lab/nginx.conf'],
  environment: { PORT: '8080', DB_PASSWORD_FILE: '/run/secrets/db', API_KEY: '' },
  hostNamespaces: [],
};

const checks = (patch: Partial<AuditSubject>) => auditSubject({ ...HARDENED, ...patch }).map((f) => `${f.check}:${f.severity}`);

describe('the security checklist', () => {
  it('finds nothing on a hardened service', () => {
    expect(auditSubject(HARDENED)).toEqual([]);
  });

  it.each<[string, Partial<AuditSubject>, string]>([
    ['privileged', { privileged: true }, 'privileged:high'],
    ['the Docker socket mounted', { bindSources: ['/var/run/docker.sock'] }, 'engine-socket:high'],
    ['the Podman socket mounted', { bindSources: ['/run/podman/podman.sock'] }, 'engine-socket:high'],
    ['host network', { hostNamespaces: ['network'] }, 'host-namespaces:high'],
    ['seccomp unconfined', { securityOpt: ['no-new-privileges:true', 'seccomp=unconfined'] }, 'unconfined:high'],
    ['cap_add ALL', { capAdd: ['ALL'] }, 'cap-add:high'],
    ['cap_add CAP_SYS_ADMIN', { capAdd: ['CAP_SYS_ADMIN'] }, 'cap-add:high'],
    ['a literal password', { environment: { DB_PASSWORD: 'hunter2' } }, 'secret-env:high'],
    ['a literal token', { environment: { GITHUB_TOKEN: 'ghp_x' } }, 'secret-env:high'],
    ['a literal secret', { environment: { app_secret: 's' } }, 'secret-env:high'],
    ['a literal key', { environment: { AWS_SECRET_ACCESS_KEY: 'k' } }, 'secret-env:high'],
    ['root by name', { user: 'root' }, 'non-root-user:high'],
    ['root by uid', { user: '0:0' }, 'non-root-user:high'],
    ['no user reported by the engine', { user: '' }, 'non-root-user:high'],
    ['no user in the template', { user: undefined }, 'non-root-user:medium'],
    ['default capabilities', { capDrop: [] }, 'cap-drop-all:medium'],
    ['a writable root filesystem', { readOnlyRootfs: false }, 'read-only-rootfs:medium'],
    ['no no-new-privileges', { securityOpt: [] }, 'no-new-privileges:medium'],
    ['no memory limit', { memLimitBytes: undefined }, 'memory-limit:medium'],
    ['latest', { image: 'nginx:latest' }, 'image-tag:medium'],
    ['no tag', { image: 'registry.local:5000/team/nginx' }, 'image-tag:medium'],
    ['no CPU limit', { nanoCpus: undefined }, 'cpu-limit:low'],
    ['no healthcheck', { healthcheck: 'none' }, 'healthcheck:low'],
    ['a disabled healthcheck', { healthcheck: 'disabled' }, 'healthcheck:low'],
  ])('flags %s', (_name, patch, want) => {
    expect(checks(patch)).toEqual([want]);
  });

  it('accepts a digest-pinned image, a registry port without a tag being the only exception', () => {
    expect(checks({ image: 'nginx@sha256:0123' })).toEqual([]);
    expect(checks({ image: 'registry.local:5000/nginx:1.27' })).toEqual([]);
  });

  it('gives each finding the setting, why it matters and a Compose fix under the service', () => {
    const [f] = auditSubject({ ...HARDENED, readOnlyRootfs: false });
    expect(f).toMatchObject({ service: 'web', setting: 'read_only', found: 'root filesystem is writable' });
    expect(f.why).toMatch(/read-only/);
    expect(f.fix).toBe('services:\n  web:\n    read_only: true\n    tmpfs: [/tmp]   # writable paths the program needs, as tmpfs or volumes');
  });
});

describe('the audit report', () => {
  const loose = [{ ...HARDENED, service: 'db', privileged: true, readOnlyRootfs: false }, { ...HARDENED, service: 'app', healthcheck: 'none' as const }];

  it('marks explained findings with their reason, keeps them, and lists exceptions that matched nothing', () => {
    const r = auditReport('template', 'compose.yaml', loose, [
      { service: 'db', check: 'read-only-rootfs', reason: 'writes its data under /var/lib' },
      { service: 'app', check: 'privileged', reason: 'stale' },
    ]);
    expect(r.findings.map((f) => `${f.service}:${f.check}:${f.exception ?? ''}`)).toEqual(['db:privileged:', 'app:healthcheck:', 'db:read-only-rootfs:writes its data under /var/lib']);
    expect(r.counts).toEqual({ high: 1, medium: 0, low: 1, excepted: 1 });
    expect(r.unusedExceptions).toEqual([{ service: 'app', check: 'privileged', reason: 'stale' }]);
  });

  it('fails at a threshold on open findings only', () => {
    const r = auditReport('lab', 'x', [{ ...HARDENED, healthcheck: 'none' }, { ...HARDENED, service: 'db', user: 'root' }], [{ service: 'db', check: 'non-root-user', reason: 'the image needs root' }]);
    expect(failsAt(r, 'high')).toBe(false);
    expect(failsAt(r, 'low')).toBe(true);
  });
});
