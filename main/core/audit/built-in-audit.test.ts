import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../testing/test-core';
import { TemplateCatalog } from '../labs/template-catalog';
import { AuditService } from './audit-service';

/** The harden-the-lab scenario's starting point: loose on purpose, so it must be caught, not excepted. */
const DELIBERATELY_LOOSE = new Set(['loose-web']);

const audit = new AuditService({ catalog: new TemplateCatalog({ builtIn: join(RESOURCES, 'labs'), user: '/nonexistent' }), docker: async () => undefined });
const labs = readdirSync(join(RESOURCES, 'labs')).sort();

describe('the built-in labs pass the security checklist', () => {
  it.each(labs.filter((l) => !DELIBERATELY_LOOSE.has(l)))('%s: no finding without a reason, no stale exception', async (lab) => {
    const r = await audit.template(lab);
    expect(r.findings.filter((f) => !f.exception).map((f) => `${f.service}: ${f.check}: ${f.found}`)).toEqual([]);
    expect(r.unusedExceptions).toEqual([]);
  });

  it('loose-web is caught on every item harden-the-lab teaches, and its hardened file passes with no exception', async () => {
    const loose = await audit.template('loose-web');
    expect(loose.findings.map((f) => `${f.check}:${f.severity}`).sort()).toEqual([
      'cap-add:high', 'cap-drop-all:medium', 'cpu-limit:low', 'memory-limit:medium', 'no-new-privileges:medium', 'non-root-user:high', 'read-only-rootfs:medium', 'secret-env:high',
    ]);
    const hardened = await audit.template(join(RESOURCES, 'labs', 'loose-web', 'compose.hardened.yaml'));
    expect(hardened.findings).toEqual([]);
  });
});
