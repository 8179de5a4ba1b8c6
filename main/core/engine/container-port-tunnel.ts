import net from 'node:net';
import { Writable, type Duplex } from 'node:stream';
import type Docker from 'dockerode';

/** A loopback port on this machine that reaches a port inside a container through the engine API. */
export interface ContainerTunnel {
  readonly containerId: string;
  /** `http://127.0.0.1:PORT`: where an HTTP client here talks to the container's port. */
  readonly url: string;
  /** Connections that failed (exec refused, container gone), with the engine's words, newest last. */
  readonly failures: string[];
  close(): Promise<void>;
}

/** Bytes an exec wrote to stderr (nc's "connection refused"), kept for the failure's message. */
const stderrSink = (keep: (text: string) => void): Writable =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      keep(chunk.toString('utf8'));
      done();
    },
  });

/** One connection: `nc 127.0.0.1 PORT` in the container, its stdin and stdout the two directions. */
async function relay(docker: Docker, containerId: string, port: number, sock: net.Socket, failed: (why: string) => void): Promise<void> {
  sock.pause();
  let stream: Duplex;
  try {
    const exec = await docker.getContainer(containerId).exec({ Cmd: ['nc', '127.0.0.1', String(port)], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
    stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
  } catch (err) {
    failed(err instanceof Error ? err.message : String(err));
    sock.destroy();
    return;
  }
  let stderr = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (sock.destroyed) return done();
      // the engine's stream waits while this machine's reader is slow
      if (sock.write(chunk)) done();
      else sock.once('drain', () => done());
    },
  });
  docker.modem.demuxStream(stream, out, stderrSink((t) => (stderr = (stderr + t).slice(-2000))));
  // Half-closes both ways: the client's end of request reaches nc as the end of its stdin, nc closes
  // its write side, the server answers and closes, and nc's exit ends the engine's stream.
  sock.on('end', () => stream.end());
  stream.on('end', () => {
    if (stderr.trim()) failed(stderr.trim());
    sock.end();
  });
  sock.on('error', () => stream.destroy());
  sock.on('close', () => stream.destroy());
  stream.on('error', (err) => {
    failed(err.message);
    sock.destroy();
  });
  stream.on('close', () => sock.end());
  sock.on('data', (chunk: Buffer) => {
    if (!stream.write(chunk)) {
      sock.pause();
      stream.once('drain', () => sock.resume());
    }
  });
  sock.resume();
}

/**
 * Opens a port on this machine's loopback whose every connection is relayed to `port` inside the
 * container by an exec of `nc` there (busybox's, which the Prometheus image has), over the engine's
 * own connection (a unix socket, TLS or ssh). Nothing is published on the engine's host: a port
 * published on a remote host's 127.0.0.1 is not reachable from here, and opening it to the network
 * is what this avoids. An HTTP client's keep-alive keeps one exec per connection.
 */
export async function openContainerTunnel(docker: Docker, containerId: string, port: number): Promise<ContainerTunnel> {
  const failures: string[] = [];
  const open = new Set<net.Socket>();
  // half-open: a client that ended its request still reads the answer
  const server = net.createServer({ allowHalfOpen: true }, (sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    void relay(docker, containerId, port, sock, (why) => {
      failures.push(why);
      if (failures.length > 10) failures.shift();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port: local } = server.address() as net.AddressInfo;
  return {
    containerId,
    url: `http://127.0.0.1:${local}`,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
