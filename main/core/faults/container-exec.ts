import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an argv in a running container through the exec API (never a shell unless the argv is one)
 * and collects its output; FAULT_FAILED when it does not finish within `timeoutMs`.
 */
export async function execIn(container: Docker.Container, argv: string[], opts: { timeoutMs?: number; user?: string } = {}): Promise<ExecResult> {
  const exec = await container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, User: opts.user });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const o = new PassThrough().on('data', (b: Buffer) => out.push(b));
  const e = new PassThrough().on('data', (b: Buffer) => err.push(b));
  container.modem.demuxStream(stream, o, e);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new LabdeckError('FAULT_FAILED', `${argv.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
  // Podman may answer the inspect a moment before the exit code is set.
  for (let i = 0; i < 20; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) {
      return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { exitCode: -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Starts an argv in a container and does not wait for it (a stress worker bounded by its own timeout). */
export async function execDetached(container: Docker.Container, argv: string[], opts: { user?: string } = {}): Promise<void> {
  const exec = await container.exec({ Cmd: argv, AttachStdout: false, AttachStderr: false, User: opts.user });
  await exec.start({ Detach: true });
}

/** Runs an argv and fails with FAULT_FAILED (its stderr in the message) unless it exits 0. */
export async function execOk(container: Docker.Container, argv: string[], opts: { timeoutMs?: number; user?: string } = {}): Promise<ExecResult> {
  const r = await execIn(container, argv, opts);
  if (r.exitCode !== 0) throw new LabdeckError('FAULT_FAILED', `${argv.join(' ')} exited ${r.exitCode}: ${(r.stderr || r.stdout).trim().slice(0, 500)}`);
  return r;
}
