import type { Command } from 'commander';
import { LabdeckError } from '../../api/labdeck-error';
import type { Core } from '../../core/app-core';
import { withCore } from '../with-core';
import { logLineText } from './log-text';

async function engineDocker(core: Core) {
  const client = await core.engine.current();
  if (!client) throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: (await core.engine.status()).hint });
  return client.docker;
}

/** `labdeck logs` and `labdeck exec`: a lab's logs merged in time order, and a command in a service. */
export function registerTerminalCommands(program: Command, untilSignal: (closer: () => Promise<void>) => Promise<void>): void {
  program
    .command('logs <lab> [service]')
    .description('logs of one service or the whole lab, merged in time order; stderr lines marked [err]')
    .option('-f, --follow', 'keep following new lines until Ctrl-C')
    .option('--tail <n>', 'lines per container to start from', (v) => Number.parseInt(v, 10), 200)
    .action((lab: string, service: string | undefined, o: { follow?: boolean; tail: number }) =>
      withCore(async (core) => {
        if (!Number.isInteger(o.tail) || o.tail < 0) throw new LabdeckError('BAD_REQUEST', '--tail takes a whole number of lines');
        const { followLabLogs } = await import('../../core/terminals/log-stream');
        const colour = !!process.stdout.isTTY && !process.env.NO_COLOR;
        let width = 8;
        const follower = await followLabLogs(await engineDocker(core), { labId: lab, service, tail: o.tail, follow: !!o.follow }, (lines) => {
          width = Math.max(width, ...lines.map((l) => l.service.length));
          process.stdout.write(lines.map((l) => `${logLineText(l, width, colour)}\n`).join(''));
        });
        if (!o.follow) return follower.done;
        await Promise.race([follower.done, untilSignal(async () => follower.stop())]);
      }, { lab }),
    );

  program
    .command('exec <lab> <service> <argv...>')
    .description('run a command in a service of a lab: labdeck exec <lab> <service> -- <argv…>; exits with its exit code')
    .option('--index <n>', 'which replica (default: the first running one)', (v) => Number.parseInt(v, 10))
    .option('-t, --tty', 'run it on a terminal (interactive shells, full-screen programs); needs a terminal here')
    .action((lab: string, service: string, argv: string[], o: { index?: number; tty?: boolean }) =>
      withCore(async (core) => {
        const [{ serviceContainer }, { runExecCommand }] = await Promise.all([import('../../core/terminals/lab-container'), import('../../core/terminals/exec-command')]);
        const docker = await engineDocker(core);
        const c = await serviceContainer(docker, lab, service, o.index);
        if (o.tty) {
          const { execOnThisTerminal } = await import('./exec-tty');
          process.exitCode = await execOnThisTerminal(docker.getContainer(c.id), argv);
          return;
        }
        const stdin = process.stdin.isTTY ? undefined : process.stdin;
        const code = await runExecCommand(docker, c.id, argv, { stdout: process.stdout, stderr: process.stderr, stdin });
        process.exitCode = code;
        if (stdin) stdin.destroy();
      }, { lab }),
    );
}
