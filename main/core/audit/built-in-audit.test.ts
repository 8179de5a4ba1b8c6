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
});
