import type { Command } from 'commander';
import type { LabPowerAction } from '../../core/labs/lab-power';
import { printJson, withCore } from '../with-core';
import { statusText } from './lab-tables';

const WHAT: Record<LabPowerAction, string> = {
  start: 'start every container of a stopped lab (after an engine restart, or a stop)',
  stop: 'stop every container of a lab, keeping it for a later start',
  restart: 'stop, then start every container of a lab',
};

/** start, stop, restart: a whole lab at once; prints its status after (new ports after a start). */
export function registerLabPower(program: Command): void {
  for (const action of ['start', 'stop', 'restart'] as const) {
    program
      .command(`${action} <lab>`)
      .description(WHAT[action])
      .option('--json', 'print JSON')
      .action((lab: string, o: { json?: boolean }) =>
        withCore(async (core) => {
          const s = await core.handlers[`labs.${action}`]({ labId: lab });
          if (o.json) printJson(s);
          else process.stdout.write(`${statusText(s)}\n`);
          if (action === 'stop' ? s.state !== 'stopped' : s.state !== 'healthy') process.exitCode = 1;
        }, { lab }),
      );
  }
}
