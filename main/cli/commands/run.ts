import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LabdeckError } from '../../api/labdeck-error';
import { onStopRequest } from '../stop-requests';
import type { Core } from '../../core/app-core';
import { printJson, withCore } from '../with-core';

/** How long reverting may take after a stop request before the process gives up and exits. */
const STOP_LIMIT_MS = 180_000;

/** `scenarios --check FILE`: one line per problem on stderr (as compilers print them), so editors and CI can jump to it. */
async function checkScenarioFile(core: Core, file: string): Promise<number> {
  const [{ formatIssue }, { ScenarioInvalidError }] = await Promise.all([import('../../core/labs/template/template-issues'), import('../../core/scenarios/scenario-invalid')]);
  try {
    const s = await core.scenarios.check(file);
    process.stdout.write(`${file}: valid (${s.metadata.name}, on lab ${s.metadata.lab})\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ScenarioInvalidError)) throw err;
    for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    return 2;
  }
}

const parseSpeed = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 1 || n > 100) throw new Error(`--speed must be a number from 1 to 100, got ${v}`);
  return n;
};

/** `labdeck scenarios`, `labdeck run`, `labdeck runs`: game days as code, headless (exit 0 passed, 1 failed or aborted). */
export function registerRunCommands(program: Command): void {
  program
    .command('scenarios')
    .description('game-day scenarios: built-in and yours')
    .option('--json', 'print them as JSON')
    .option('--check <file>', 'validate one scenario file against the schema and its lab: exit 0 valid, 2 invalid (FILE:LINE:COL: PATH: MESSAGE)')
    .action((o: { json?: boolean; check?: string }) =>
      withCore(async (core) => {
        if (o.check !== undefined) {
          process.exitCode = await checkScenarioFile(core, o.check);
          return;
        }
        const list = await core.scenarios.list();
        if (o.json) return printJson(list);
        for (const s of list) process.stdout.write(s.error ? `${s.name}  (does not load)\n  ${s.error.split('\n').join('\n  ')}\n` : `${s.name.padEnd(24)} ${s.lab?.padEnd(16)} ${s.difficulty?.padEnd(13)} ${s.title}\n`);
      }),
    );

  program
    .command('run <scenario>')
    .description('run a game day headless: brings the lab up if needed, injects the faults, checks, verifies, tears down what it made')
    .option('--lab <lab>', 'run on this running lab instead of starting one')
    .option('--engine <name>', 'start its lab on this engine (labdeck engines ls)')
    .option('--solve', 'perform the scenario’s solve steps (the default)')
    .option('--no-solve', 'do not solve: the checks must then fail')
    .option('--speed <factor>', 'divide the scenario’s durations by this (CI)', parseSpeed, 1)
    .option('--json', 'print the run journal as JSON')
    .option('--journal <file>', 'write the JSON journal (Chaos Toolkit fields) to a file')
    .option('--report <file>', 'write a report: F.md (Markdown) or F.html (self-contained HTML)')
    .option('--trust', "accept the risks of the scenario's lab template (see `labdeck plan <template>`)")
    .action((ref: string, o: { lab?: string; engine?: string; solve: boolean; speed: number; json?: boolean; journal?: string; report?: string; trust?: boolean }) =>
      withCore(async (core) => {
        await core.labs.reconcile();
        const abort = new AbortController();
        let crash: { why: string } | undefined;
        const release = onStopRequest((r) => {
          if (r.crash !== undefined) crash = r;
          process.stderr.write(`labdeck: ${r.why}\n  reverting the run's faults${o.lab ? '' : ' and removing its lab'}, then exiting\n`);
          abort.abort();
          // a revert that never answers must not keep the process forever (the next start reverts what is left)
          setTimeout(() => {
            process.stderr.write('labdeck: stopping took over 3 minutes; exiting (the next labdeck start reverts what is left)\n');
            process.exit(1);
          }, STOP_LIMIT_MS).unref();
        });
        try {
          const out = await core.scenarios.runHeadless(ref, { labId: o.lab, solve: o.solve !== false, speed: o.speed, trust: o.trust, signal: abort.signal, onProgress: (l) => process.stderr.write(`  ${l}\n`) });
          const journal = core.scenarios.journal(out.runId);
          if (o.journal) writeFileSync(o.journal, `${JSON.stringify(journal, null, 2)}\n`);
          if (o.report) writeFileSync(o.report, core.scenarios.report(out.runId, o.report.endsWith('.html') ? 'html' : 'md'));
          if (o.json) printJson(journal);
          else {
            for (const c of out.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.phase.padEnd(20)} ${c.name}: ${c.message}\n`);
            process.stdout.write(`${out.scenario}: ${out.state}${out.score ? `, score ${out.score.total}` : ''} (run ${out.runId})${out.reason && out.state !== 'passed' ? `\n  ${out.reason}` : ''}\n`);
          }
          process.exitCode = out.state === 'passed' && !crash ? 0 : 1;
          if (out.unrecorded) {
            const left = core.scenarios.unwritten(out.runId);
            process.stderr.write(`labdeck: ${left.events.length} events of run ${out.runId} could not be written to its journal${left.dropped ? ` (and ${left.dropped} more were not kept)` : ''}: ${left.events.map((e) => e.type).join(', ')}${o.journal ? `; ${o.journal} has them` : ''}\n`);
            throw out.unrecorded;
          }
        } finally {
          release();
        }
      }, { lab: o.lab, engine: o.engine }),
    );

  program
    .command('report <run>')
    .description("a run's report")
    .option('--format <format>', 'md, html or json', 'md')
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .action((runId: string, o: { format: string; output?: string }) =>
      withCore(async (core) => {
        if (!['md', 'html', 'json'].includes(o.format)) throw new LabdeckError('BAD_REQUEST', `--format must be md, html or json, not ${o.format}`);
        const text = core.scenarios.report(runId, o.format as 'md' | 'html' | 'json');
        if (o.output) writeFileSync(o.output, text);
        else process.stdout.write(text);
      }, { needsHistory: true }),
    );

  program
    .command('runs')
    .description('game-day runs, newest first')
    .option('--json', 'print them as JSON')
    .action((o: { json?: boolean }) =>
      withCore(async (core) => {
        const runs = core.scenarios.live.summaries();
        if (o.json) return printJson(runs);
        const secs = (ms?: number): string => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)}s`);
        process.stdout.write(`${'RUN'.padEnd(22)} ${'SCENARIO'.padEnd(24)} ${'LAB'.padEnd(28)} ${'MODE'.padEnd(11)} ${'STATE'.padEnd(8)} ${'SCORE'.padEnd(6)} ${'TTD'.padEnd(7)} TTR\n`);
        for (const r of runs) {
          process.stdout.write(`${r.id.padEnd(22)} ${r.scenario.padEnd(24)} ${r.labId.padEnd(28)} ${r.mode.padEnd(11)} ${r.state.padEnd(8)} ${String(r.score ?? '—').padEnd(6)} ${secs(r.ttdMs).padEnd(7)} ${secs(r.ttrMs)}\n`);
        }
      }, { needsHistory: true }),
    );
}
