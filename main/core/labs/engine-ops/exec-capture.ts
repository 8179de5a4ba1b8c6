import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the time limit ended it. */
  timedOut: boolean;
}

const MAX_OUTPUT = 1024 * 1024;

/** Runs an argv in a container through the exec API (no shell), with stdout and stderr kept apart (first MiB of each) and a time limit. */
export async function execCapture(docker: Docker, container: Docker.Container, argv: string[], timeoutMs = 5000): Promise<ExecResult> {
  const startedAt = Date.now();
  const exec = await container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = { stdout: '', stderr: '' };
  const collect = (key: 'stdout' | 'stderr') => {
    const pass = new PassThrough();
    pass.on('data', (c: Buffer) => {
      if (out[key].length < MAX_OUTPUT) out[key] += c.toString('utf8');
    });
    return pass;
  };
  docker.modem.demuxStream(stream, collect('stdout'), collect('stderr'));
  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(true);
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
  // The stream can end a moment before the engine records the exit code.
  try {
    let info = await exec.inspect();
    for (let i = 0; info.Running && !timedOut && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 25));
      info = await exec.inspect();
    }
    return { exitCode: info.Running ? -1 : (info.ExitCode ?? -1), stdout: out.stdout, stderr: out.stderr, timedOut };
  } catch (err) {
    if (timedOut || !(await restartedSince(container, startedAt, err))) throw err;
    // Podman drops an exec session when its container stops or restarts (a command that ends with
    // `kill -HUP 1`); Docker still answers 0 for the same command. The output ended normally and the
    // container went on: the command ran to its end.
    return { exitCode: 0, stdout: out.stdout, stderr: out.stderr, timedOut };
  }
}

/** The exec session is gone because its container stopped or started again since the command began. */
async function restartedSince(container: Docker.Container, since: number, err: unknown): Promise<boolean> {
  if (!/no (such )?exec session/i.test(err instanceof Error ? err.message : String(err))) return false;
  const s = (await container.inspect()).State;
  return !s.Running || Date.parse(s.StartedAt) >= since - 1000;
}
