import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { sshDialError } from './ssh-host-key';
import { dialArgv, type SshOptions, type SshTarget } from './ssh-target';

/**
 * The engine's socket as a stream over one `ssh … docker system dial-stdio` process. The stream
 * ends when ssh exits cleanly; an ssh that fails (host key, login, no docker) is an error built
 * from what it wrote to stderr, not a bare "socket hang up".
 */
class SshDialStream extends Duplex {
  private stderr = '';

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    onFailure: (stderr: string, code: number | null) => Promise<Error>,
  ) {
    super();
    child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-8192)));
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => this.destroy(err));
    child.on('close', (code, signal) => {
      if (this.destroyed) return;
      // 255 is ssh's own failure; other codes are dial-stdio's (the engine closed the connection).
      if (code === 0 || signal || (code !== 255 && this.stderr === '')) this.push(null);
      else void onFailure(this.stderr, code).then((err) => this.destroy(err));
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    // an ssh that failed (refused, host key) closes its stdin first: the reason comes with its exit, not as EPIPE here
    this.child.stdin.write(chunk, () => done());
  }

  override _final(done: (err?: Error | null) => void): void {
    this.child.stdin.end();
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    done(err);
  }

  // http.ClientRequest treats its connection as a net.Socket: these are no-ops on a pipe.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

export interface SshDialOptions extends SshOptions {
  /** The ssh program (default `ssh` on the PATH: the user's own, with its config, agent and known_hosts). */
  sshPath?: string;
}

/**
 * An http.Agent whose connections are `ssh … docker system dial-stdio` processes, one per
 * connection, as `DOCKER_HOST=ssh://` does in the Docker CLI. The system ssh is used on purpose:
 * a library ssh would ignore the user's ~/.ssh/config, agent and known_hosts.
 */
export class SshDialAgent extends http.Agent {
  readonly argv: string[];
  private readonly sshPath: string;

  constructor(
    private readonly target: SshTarget,
    private readonly opts: SshDialOptions = {},
  ) {
    super({ keepAlive: false });
    this.sshPath = opts.sshPath ?? 'ssh';
    this.argv = dialArgv(target, opts);
  }

  override createConnection(): Socket {
    const child = spawn(this.sshPath, this.argv, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stream = new SshDialStream(child, (stderr, code) => sshDialError(this.sshPath, this.target, this.opts, stderr, code));
    return stream as unknown as Socket;
  }
}
