import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { runProbe } from '../labs/engine-ops/exec-probe';
import { exitOnce, type TerminalProcess } from './terminal-process';
import { killByMarkScript } from './kill-by-mark';

/** The shell to run: bash when the image has it, else sh (probed through exec, not guessed from the image name). */
export async function probeShell(container: Docker.Container): Promise<string[]> {
  return (await runProbe(container, ['bash', '-c', 'exit 0'], 5000)) ? ['bash'] : ['sh'];
}

async function exitCodeOf(exec: Docker.Exec): Promise<number | null> {
  // Podman may report the exec still running for a moment after its stream ended.
  for (let i = 0; i < 20; i++) {
    try {
      const info = await exec.inspect();
      if (!info.Running) return typeof info.ExitCode === 'number' ? info.ExitCode : null;
    } catch {
      return null;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Ends what a container shell started (see killByMarkScript). */
function killByMark(container: Docker.Container, mark: string): void {
  void runProbe(container, ['sh', '-c', killByMarkScript(mark)], 5000);
}

export interface ExecOptions {
  argv: string[];
  cols: number;
  rows: number;
  env?: string[];
}

/**
 * `docker exec -it` through the engine API: a TTY exec with stdin attached, on the hijacked duplex
 * stream (raw bytes both ways, no multiplexing with a TTY). Resize goes to the exec's TTY; the exit
 * code comes from inspecting the exec once its stream ends.
 */
export async function startExec(container: Docker.Container, opts: ExecOptions): Promise<TerminalProcess> {
  const mark = randomBytes(8).toString('hex');
  const exec = await container.exec({
    Cmd: opts.argv,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    // Docker 23+ sizes the TTY at creation, so the shell never starts at 80x24; older engines and
    // Podman ignore it and get the resize below.
    ConsoleSize: [opts.rows, opts.cols],
    Env: ['TERM=xterm-256color', 'LANG=C.UTF-8', `LABDECK_TERMINAL=${mark}`, ...(opts.env ?? [])],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const exit = exitOnce();
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    void exitCodeOf(exec).then((code) => exit.fire(code));
  };
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  const resize = async (cols: number, rows: number): Promise<void> => {
    if (ended) return;
    await exec.resize({ h: rows, w: cols }).catch(() => undefined);
  };
  await resize(opts.cols, opts.rows);
  return {
    argv: opts.argv,
    onData: (listener) => stream.on('data', listener),
    onExit: (listener) => exit.on(listener),
    write: (data) => {
      if (!ended) stream.write(data);
    },
    resize,
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    close: () => {
      if (ended) return;
      stream.end();
      killByMark(container, mark);
      setTimeout(() => stream.destroy(), 3000).unref();
    },
  };
}
