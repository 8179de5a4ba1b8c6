/**
 * The checklist's stable ids: findings, `--json` output and a template's
 * `x-labdeck: audit: exceptions:` name checks by these. No imports, so the template schema can use them.
 */
export const AUDIT_CHECK_IDS = [
  'cap-drop-all',
  'cap-add',
  'read-only-rootfs',
  'non-root-user',
  'memory-limit',
  'cpu-limit',
  'healthcheck',
  'image-tag',
  'engine-socket',
  'secret-env',
  'privileged',
  'host-namespaces',
  'no-new-privileges',
  'unconfined',
] as const;

export type AuditCheckId = (typeof AUDIT_CHECK_IDS)[number];

export const AUDIT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];
