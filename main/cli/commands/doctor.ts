import type { Command } from 'commander';
import { doctorText } from './doctor-text';
import { readinessSummary } from '../../core/bundles/offline-readiness';
import { movedAsideNotice } from '../store-notice';

export function registerDoctor(program: Command, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('engine, Podman, k3d, kubectl, disk and memory')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { createHostCore } = await import('../../core/host-core');
      const core = createHostCore();
      try {
        const info = await core.handlers['app.info']({});
        if (info.corruptDatabaseMovedTo) process.stderr.write(`labdeck: ${movedAsideNotice(info.databasePath, info.corruptDatabaseMovedTo)}\n`);
        const report = await core.handlers['doctor.report']({});
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${doctorText(report)}\n`);
        if (!opts.json && report.ok) process.stdout.write(`${readinessSummary(await core.bundles.readiness())}\n`);
        setExit(report.ok ? 0 : 1);
      } finally {
        await core.close();
      }
    });
}
