import type { Command } from 'commander';
import { LabdeckError } from '../../api/labdeck-error';
import { AUDIT_SEVERITIES, type AuditSeverity } from '../../core/audit/audit-check-ids';
import { printJson, withCore } from '../with-core';
import { auditText } from './audit-text';

/**
 * `labdeck audit <lab|template>`: exit 1 when an open finding is at or above --fail-on (high by
 * default, as linters fail on errors and not on warnings), 0 otherwise; excepted findings never fail.
 */
export function registerAudit(program: Command): void {
  program
    .command('audit <target>')
    .description('the Docker security checklist per service, of a running lab or a template')
    .option('--json', 'print JSON')
    .option('--fail-on <severity>', 'exit 1 on an open finding of this severity or above: low, medium, high, never', 'high')
    .action((target: string, o: { json?: boolean; failOn: string }) =>
      withCore(async (core) => {
        if (o.failOn !== 'never' && !AUDIT_SEVERITIES.includes(o.failOn as AuditSeverity)) {
          throw new LabdeckError('BAD_REQUEST', `--fail-on takes low, medium, high or never (got ${o.failOn})`);
        }
        const { failsAt } = await import('../../core/audit/audit-report');
        const report = await core.audit.audit(target);
        if (o.json) printJson(report);
        else process.stdout.write(`${auditText(report)}\n`);
        if (o.failOn !== 'never' && failsAt(report, o.failOn as AuditSeverity)) process.exitCode = 1;
      }),
    );
}
