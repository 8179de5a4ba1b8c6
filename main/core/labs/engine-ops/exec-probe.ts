import type Docker from 'dockerode';

/** A healthcheck test as an exec argv: CMD runs as is, CMD-SHELL through /bin/sh -c; NONE or empty has none. */
export function probeArgv(test: string[] | undefined): string[] | null {
  if (!test?.length) return null;
  if (test[0] === 'CMD') return test.slice(1);
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  return null;
}

/**
 * Runs the container's own healthcheck test once, now, through the exec API, and says whether it
 * passed. Docker runs the first check only one `interval` after start; dependents gated on health
 * need not wait for that schedule when the service already answers its own test.
 */
export async function runProbe(container: Docker.Container, argv: string[], timeoutMs = 3000): Promise<boolean> {
  try {
    const exec = await container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        stream.destroy();
        resolve();
      }, timeoutMs);
      stream.on('data', () => undefined);
      stream.on('end', () => (clearTimeout(timer), resolve()));
      stream.on('close', () => (clearTimeout(timer), resolve()));
      stream.on('error', () => (clearTimeout(timer), resolve()));
    });
    const info = await exec.inspect();
    return !info.Running && info.ExitCode === 0;
  } catch {
    return false;
  }
}
