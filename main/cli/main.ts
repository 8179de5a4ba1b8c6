import { Command, CommanderError } from 'commander';
import { LabdeckError } from '../api/labdeck-error';
import { labdeckVersion } from '../core/package-paths';
import { registerDoctor } from './commands/doctor';
import { registerServe } from './commands/serve';
import { registerLabCommands } from './commands/labs';
import { registerLabPower } from './commands/lab-power';
import { registerUp } from './commands/up';
import { registerTerminalCommands } from './commands/terminals';
import { registerRunCommands } from './commands/run';
import { registerAudit } from './commands/audit';
import { registerClassCommands } from './commands/class';
import { registerBundle } from './commands/bundle';
import { registerEngines } from './commands/engines';
import { exitCodeFor } from './exit-codes';
import { onStopRequest } from './stop-requests';

/** Waits for Ctrl-C, SIGTERM or SIGHUP (or a crash), then closes what the command opened (a live run's faults reverted). */
function untilSignal(closer: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const release = onStopRequest(({ why, crash }) => {
      if (crash !== undefined) {
        process.stderr.write(`labdeck: ${why}\n  closing (live runs aborted, their faults reverted), then exiting\n`);
        process.exitCode = 1;
      }
      closer().finally(() => {
        release();
        resolve();
      });
    });
  });
}

/** Runs `labdeck <argv>` and returns the exit code: 0 success, 1 the thing failed, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('labdeck')
    .description('Local container labs and game days')
    .version(labdeckVersion())
    .exitOverride()
    .showHelpAfterError('(run `labdeck --help` for the commands)');
  registerDoctor(program, (c) => (exitCode = c));
  registerServe(program, untilSignal);
  registerLabCommands(program);
  registerLabPower(program);
  registerUp(program);
  registerTerminalCommands(program, untilSignal);
  registerRunCommands(program);
  registerAudit(program);
  registerClassCommands(program, untilSignal);
  registerBundle(program);
  registerEngines(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode || (typeof process.exitCode === 'number' ? process.exitCode : 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof LabdeckError && argv.includes('--json')) {
      // Scripts and editors read errors where they read results: one JSON object on stdout.
      const { code, message, hint, path, problems } = err.toValue();
      process.stdout.write(`${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}), ...(path ? { path } : {}), problems: problems ?? [] } }, null, 2)}\n`);
      return exitCodeFor(err.code);
    }
    if (err instanceof LabdeckError) {
      process.stderr.write(`labdeck: ${err.code}: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}\n`);
      return exitCodeFor(err.code);
    }
    process.stderr.write(`labdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
