import type { Command } from 'commander';
import { LabdeckError } from '../../api/labdeck-error';
import type { LabStatus } from '../../api/schemas/labs';
import { printJson, withCore } from '../with-core';
import { loadOptions } from './load-options';
import { statusText } from './lab-tables';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `labdeck up`: runs the up job, prints its progress, and on Ctrl-C cancels it (which rolls back). */
export function registerUp(program: Command): void {
  program
    .command('up <template>')
    .description('start a lab and wait until it is healthy')
    .option('--name <name>', 'lab name (default: the template name)')
    .option('--json', 'print the lab status as JSON')
    .option('--engine <name>', 'start it on this engine (labdeck engines ls); the lab remembers it')
    .option('--trust', 'accept the risks `labdeck plan` lists for this content of the file (remembered; an edited file asks again)')
    .option('--allow-engine-access <path>', 'let the template mount this host path although it gives the host away (/, an engine socket, credentials); repeat for each', collect, [])
    .option('--env-file <path>', 'variables for ${…} from this file instead of .env beside the template; repeat for more', collect, [])
    .option('--profile <name>', 'enable a Compose profile; repeat for more', collect, [])
    .action((template: string, o: { name?: string; json?: boolean; trust?: boolean; allowEngineAccess: string[]; envFile: string[]; profile: string[]; engine?: string }) =>
      withCore(async (core) => {
        await core.labs.reconcile();
        const stop = core.bus.subscribe((event, payload) => {
          if (event !== 'job.progress') return;
          const p = payload as { step: string; message?: string };
          process.stderr.write(`  ${p.step}${p.message ? `: ${p.message}` : ''}\n`);
        });
        const job = await core.labs.up(template, o.name, { trust: o.trust, allowEngineAccess: o.allowEngineAccess }, loadOptions(o));
        const cancel = (): void => {
          process.stderr.write('cancelling: removing what was created…\n');
          core.jobs.cancel(job.jobId);
        };
        process.once('SIGINT', cancel);
        process.once('SIGTERM', cancel);
        const done = await core.jobs.wait(job.jobId);
        process.off('SIGINT', cancel);
        process.off('SIGTERM', cancel);
        stop();
        if (done.state !== 'succeeded') {
          const e = done.error ?? { code: 'INTERNAL', message: done.state };
          throw new LabdeckError(e.code as LabdeckError['code'], e.message, { hint: e.hint });
        }
        const status = done.result as LabStatus;
        if (o.json) printJson(status);
        else process.stdout.write(`${statusText(status)}\n`);
      }, { engine: o.engine }),
    );
}
