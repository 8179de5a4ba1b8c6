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
      if (code === 0 || signal || (code !== 255 && this.stderr === '')) {
        this.push(null);
        // a kept-alive connection waiting in the agent's pool is gone with its ssh: out of the pool,
        // so no request is ever written to a dead process (one in use ends with its response)
        if (!(this as unknown as { _httpMessage?: unknown })._httpMessage && this.readableLength === 0) this.destroy();
      } else void onFailure(this.stderr, code).then((err) => this.destroy(err));
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

  // The agent unrefs a kept-alive connection while it waits for the next request: an idle ssh must
  // not keep Labdeck from exiting (its ssh then sees its stdin close and ends).
  ref(): this {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { ref?: () => void }[]) s.ref?.();
    return this;
  }
  unref(): this {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { unref?: () => void }[]) s.unref?.();
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
 * a library ssh would ignore the user's ~/.ssh/config, agent and known_hosts. Connections are kept
 * alive and reused: each new one is an ssh login and a `docker` process started on the far host
 * (about 2 s each on a loaded 2-core machine, where exec probes with a 5 s bound failed when every
 * call was a new process). An upgraded connection (exec, attach) leaves the pool and is never reused.
 */
export class SshDialAgent extends http.Agent {
  readonly argv: string[];
  private readonly sshPath: string;

  constructor(
    private readonly target: SshTarget,
    private readonly opts: SshDialOptions = {},
  ) {
    super({ keepAlive: true, maxFreeSockets: 4 });
    this.sshPath = opts.sshPath ?? 'ssh';
    this.argv = dialArgv(target, opts);
  }

  override createConnection(): Socket {
    const child = spawn(this.sshPath, this.argv, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stream = new SshDialStream(child, (stderr, code) => sshDialError(this.sshPath, this.target, this.opts, stderr, code));
    return stream as unknown as Socket;
  }
}
