import type Docker from 'dockerode';
import { LabdeckError } from '../../api/labdeck-error';
import { startExec } from '../../core/terminals/exec-process';

/**
 * `labdeck exec --tty`: the command on a TTY in the container, joined to this terminal (raw
 * keystrokes in, output out, window size followed); resolves with the command's exit code.
 */
export async function execOnThisTerminal(container: Docker.Container, argv: string[]): Promise<number> {
  const { stdin, stdout } = process;
  if (!stdin.isTTY || !stdout.isTTY) throw new LabdeckError('BAD_REQUEST', '--tty needs a terminal on stdin and stdout', { hint: 'Drop --tty to pipe input and output.' });
  const proc = await startExec(container, { argv, cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const onInput = (b: Buffer): void => proc.write(b);
  const onResize = (): void => void proc.resize(stdout.columns, stdout.rows);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.on('data', onInput);
  stdout.on('resize', onResize);
  proc.onData((chunk) => {
    if (!stdout.write(chunk)) {
      proc.pause();
      stdout.once('drain', () => proc.resume());
    }
  });
  const code = await new Promise<number | null>((resolve) => proc.onExit(resolve));
  stdin.off('data', onInput);
  stdout.off('resize', onResize);
  stdin.setRawMode(false);
  stdin.pause();
  return code ?? 1;
}
