import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LabdeckError } from '../../api/errors';
import { formatIssue } from '../../core/labs/template/template-issues';
import { ScenarioInvalidError } from '../../core/scenarios/scenario-invalid';
import type { Core } from '../../core/app-core';
import { printJson, withCore } from '../with-core';

/** `scenarios --check FILE`: one line per problem on stderr (as compilers print them), so editors and CI can jump to it. */
async function checkScenarioFile(core: Core, file: string): Promise<number> {
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
    .option('--solve', 'perform the scenario’s solve steps (the default)')
    .option('--no-solve', 'do not solve: the checks must then fail')
    .option('--speed <factor>', 'divide the scenario’s durations by this (CI)', parseSpeed, 1)
    .option('--json', 'print the run journal as JSON')
    .option('--journal <file>', 'write the JSON journal (Chaos Toolkit fields) to a file')
    .option('--report <file>', 'write a report: F.md (Markdown) or F.html (self-contained HTML)')
    .action((ref: string, o: { lab?: string; solve: boolean; speed: number; json?: boolean; journal?: string; report?: string }) =>
      withCore(async (core) => {
        await core.labs.reconcile();
        const abort = new AbortController();
        const stop = (): void => abort.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          const out = await core.scenarios.runHeadless(ref, { labId: o.lab, solve: o.solve !== false, speed: o.speed, signal: abort.signal, onProgress: (l) => process.stderr.write(`  ${l}\n`) });
          const journal = core.scenarios.journal(out.runId);
          if (o.journal) writeFileSync(o.journal, `${JSON.stringify(journal, null, 2)}\n`);
          if (o.report) writeFileSync(o.report, core.scenarios.report(out.runId, o.report.endsWith('.html') ? 'html' : 'md'));
          if (o.json) printJson(journal);
          else {
            for (const c of out.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.phase.padEnd(20)} ${c.name}: ${c.message}\n`);
            process.stdout.write(`${out.scenario}: ${out.state}${out.score ? `, score ${out.score.total}` : ''} (run ${out.runId})${out.reason && out.state !== 'passed' ? `\n  ${out.reason}` : ''}\n`);
          }
          process.exitCode = out.state === 'passed' ? 0 : 1;
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      }),
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
      }),
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
      }),
    );
}
