import type { Command } from 'commander';
import { LabdeckError } from '../../api/labdeck-error';
import type { LabStatus } from '../../api/schemas/labs';
import { printJson, withCore } from '../with-core';
import { parseDuration } from '../../core/labs/template/compose-values';
import { collectOption, loadOptions } from './load-options';
import { imagesText, planText, statusText, templatesText } from './lab-tables';
import { readinessText } from '../../core/bundles/offline-readiness';

/** labs, plan, status, down, query: lab commands that answer at once. */
export function registerLabCommands(program: Command): void {
  program
    .command('labs')
    .description('lab templates: built-in and user folders')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(async (core) => {
        const list = await core.handlers['labs.templates']({});
        if (o.json) printJson(list);
        else {
          process.stdout.write(`${templatesText(list)}\n`);
          const ready = await core.bundles.readiness().catch((err: unknown) => `Offline readiness unknown: ${(err as Error).message.split('\n')[0]}`);
          process.stdout.write(`\n${typeof ready === 'string' ? ready : readinessText(ready)}\n`);
        }
      }),
    );

  program
    .command('plan <template>')
    .description('what `up` would create')
    .option('--name <name>', 'lab name (default: the template name)')
    .option('--json', 'print JSON')
    .option('--env-file <path>', 'variables for ${…} from this file instead of .env beside the template; repeat for more', collectOption, [])
    .option('--profile <name>', 'enable a Compose profile; repeat for more', collectOption, [])
    .action((template: string, o: { name?: string; json?: boolean; envFile: string[]; profile: string[] }) =>
      withCore(async (core) => {
        const plan = await core.labs.plan(template, o.name, loadOptions(o));
        if (o.json) printJson(plan);
        else process.stdout.write(`${planText(plan)}\n`);
        const over = plan.risks.filter((r) => r.kind === 'replicas');
        if (over.length && o.json) {
          // The plan is already on stdout as the one JSON document: the refusal goes to stderr, as before.
          process.stderr.write(`labdeck: TEMPLATE_INVALID: refused: ${over.map((r) => `${r.service} ${r.message}`).join('; ')}\n`);
          process.exitCode = 2;
        } else if (over.length) {
          throw new LabdeckError('TEMPLATE_INVALID', `refused: ${over.map((r) => `${r.service} ${r.message}`).join('; ')}`, { hint: 'Lower deploy.replicas, or raise the bound with LABDECK_MAX_REPLICAS.' });
        }
      }),
    );

  program
    .command('status [lab]')
    .description('services, state, health, ports, restarts')
    .option('--stats', "with a lab: CPU and memory too, from the engine's stats (about a second more)")
    .option('--json', 'print JSON')
    .action((lab: string | undefined, o: { json?: boolean; stats?: boolean }) =>
      withCore(async (core) => {
        await core.labs.reconcile();
        if (lab) {
          const s = await core.labs.status(lab);
          const usage = o.stats ? (await core.labs.stats(lab)).containers : undefined;
          if (o.json) printJson(usage ? { ...s, usage } : s);
          else process.stdout.write(`${statusText(s, usage)}\n`);
          if (s.state !== 'healthy') process.exitCode = 1;
          return;
        }
        const list = await core.labs.list();
        if (o.json) return printJson(list);
        process.stdout.write(list.length ? `${list.map((l) => `${l.labId}  ${l.state}  ${l.running}/${l.containers} running${l.owner === 'other' ? "  (another Labdeck's: not touched)" : ''}`).join('\n')}\n` : 'No labs. Start one with `labdeck up <template>`.\n');
        const images = await core.labs.images();
        if (images.length) process.stdout.write(`\n${imagesText(images)}\n`);
      }, { lab }),
    );

  program
    .command('down <lab>')
    .description('remove every labelled resource of a lab')
    .option('--keep-volumes', 'keep named volumes')
    .option('--rmi <which>', 'also remove the images built for the lab: local (tagged by Labdeck) or all (also tagged by image:)')
    .option('--json', 'print JSON')
    .action((lab: string, o: { keepVolumes?: boolean; rmi?: string; json?: boolean }) =>
      withCore(async (core) => {
        if (o.rmi !== undefined && o.rmi !== 'local' && o.rmi !== 'all') throw new LabdeckError('BAD_REQUEST', `--rmi takes local or all (got ${o.rmi})`);
        const r = await core.labs.down(lab, o.keepVolumes, o.rmi as 'local' | 'all' | undefined);
        if (o.json) printJson({ labId: lab, removed: r });
        else process.stdout.write(`Removed lab ${lab}: ${r.containers} containers, ${r.networks} networks, ${r.volumes} volumes${r.images !== undefined ? `, ${r.images} images` : ''}.\n`);
      }, { lab }),
    );

  program
    .command('query <lab> <promql>')
    .description("instant (or, with --range, range) query against the lab's Prometheus")
    .option('--range <duration>', 'a range query over the last <duration>, e.g. 5m')
    .option('--step <duration>', 'resolution of a range query', '2s')
    .option('--json', 'print JSON')
    .action((lab: string, promql: string, o: { json?: boolean; range?: string; step: string }) =>
      withCore(async (core) => {
        if (o.range) {
          const rangeMs = parseDuration(o.range);
          const stepMs = parseDuration(o.step);
          if (!rangeMs || !stepMs) throw new LabdeckError('BAD_REQUEST', `--range and --step take durations like 5m or 2s (got ${o.range}, ${o.step})`);
          const end = Date.now() / 1000;
          const r = await core.labs.queryRange(lab, promql, end - rangeMs / 1000, end, stepMs / 1000);
          if (o.json) return printJson(r);
          const lines = r.series.map((s) => `${JSON.stringify(s.labels)}  ${s.points.length} points, last ${s.points.at(-1)?.[1] ?? '-'}`);
          process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no data\n');
          return;
        }
        const r = await core.labs.query(lab, promql);
        if (o.json) return printJson(r);
        if (r.resultType !== 'vector' && r.resultType !== 'scalar') return printJson(r.result);
        const rows = r.resultType === 'scalar' ? [{ metric: {}, value: r.result as [number, string] }] : (r.result as { metric: Record<string, string>; value: [number, string] }[]);
        process.stdout.write(rows.map((x) => `${JSON.stringify(x.metric)}  ${x.value[1]}`).join('\n') + (rows.length ? '\n' : 'no data\n'));
      }, { lab }),
    );
}

export function assertHealthy(s: LabStatus): void {
  if (s.state !== 'healthy') throw new LabdeckError('LAB_UNHEALTHY', `lab ${s.labId} is ${s.state}`);
}
