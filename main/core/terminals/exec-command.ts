import { PassThrough, type Readable, type Writable } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecCommandIo {
  stdout: Writable;
  stderr: Writable;
  /** Piped to the command's stdin when given; the command sees EOF when it ends. */
  stdin?: Readable;
}

/**
 * Runs an argv in a container without a TTY (`docker exec` without -t): stdout and stderr are
 * demultiplexed to their own writers, and the command's exit code is returned.
 */
export async function runExecCommand(docker: Docker, containerId: string, argv: string[], io: ExecCommandIo): Promise<number> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: argv, AttachStdin: !!io.stdin, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: !!io.stdin });
  const out = new PassThrough();
  const err = new PassThrough();
  out.pipe(io.stdout, { end: false });
  err.pipe(io.stderr, { end: false });
  docker.modem.demuxStream(stream, out, err);
  if (io.stdin) {
    io.stdin.pipe(stream);
    io.stdin.on('end', () => (stream as unknown as { end(): void }).end());
  }
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', resolve);
  });
  io.stdin?.unpipe(stream);
  for (let i = 0; i < 50; i++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode ?? 1;
    await new Promise((r) => setTimeout(r, 100));
  }
  return 1;
}
