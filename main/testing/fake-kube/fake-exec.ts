import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { WebSocket } from 'ws';

type Pty = typeof import('node-pty');
type PtyProcess = ReturnType<Pty['spawn']>;

/**
 * The exec half of the fake Kubernetes API (see fake-kube-api.ts). Built from the Kubernetes
 * documentation of the exec WebSocket: every binary frame starts with its stream number, 0 stdin
 * (client → server), 1 stdout, 2 stderr, 3 the error/status channel (server → client), 4 resize
 * (client → server, a TerminalSize JSON whose keys Go matches case-insensitively). With
 * v4.channel.k8s.io (and v5) the end of the command is a metav1.Status JSON on channel 3:
 * Success, or Failure with reason NonZeroExitCode and an ExitCode cause; with the original
 * channel.k8s.io a successful command just closes the socket. The command runs as a local process
 * (under a pty with tty=true), standing in for the container. Like a kubelet, closing the socket
 * does not kill a TTY process: whatever was started keeps running until it is killed.
 */
export interface ExecRequest {
  command: string[];
  container: string;
  tty: boolean;
  stdin: boolean;
  stderr: boolean;
}

export interface ExecRecord extends ExecRequest {
  protocol: string;
  sizes: { width: number; height: number }[];
  pid?: number;
  exitCode?: number | null;
}

const frame = (stream: number, data: Buffer | string): Buffer => Buffer.concat([Buffer.from([stream]), Buffer.isBuffer(data) ? data : Buffer.from(data)]);

function statusFor(protocol: string, command: string[], code: number | null): string | undefined {
  if (protocol === 'channel.k8s.io') return code === 0 ? undefined : `command terminated with non-zero exit code: exit code ${code}`;
  if (code === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  });
}

/** Go's encoding/json matches field names case-insensitively: {"Width":…} and {"width":…} both work. */
function terminalSize(json: string): { width: number; height: number } | undefined {
  try {
    const o = JSON.parse(json) as Record<string, unknown>;
    const get = (k: string) => Number(Object.entries(o).find(([key]) => key.toLowerCase() === k)?.[1]);
    const width = get('width');
    const height = get('height');
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one exec on an upgraded socket; `processes` collects what it starts, for the fake's close(). */
export function runExec(ws: WebSocket, req: ExecRequest, record: ExecRecord, processes: Set<{ kill(): void }>): void {
  const send = (stream: number, data: Buffer | string): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame(stream, data));
  };
  const finish = (code: number | null): void => {
    record.exitCode = code;
    const status = statusFor(record.protocol, req.command, code);
    if (status) send(3, status);
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  let input: (data: Buffer) => void;
  let resize: (s: { width: number; height: number }) => void = () => undefined;
  if (req.tty) {
    const pty = createRequire(import.meta.url)('node-pty') as Pty;
    let p: PtyProcess;
    try {
      p = pty.spawn(req.command[0], req.command.slice(1), { name: 'xterm', cols: 80, rows: 24, cwd: process.cwd(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' }, encoding: null } as Parameters<Pty['spawn']>[2]);
    } catch (err) {
      send(3, JSON.stringify({ metadata: {}, status: 'Failure', message: `exec failed: ${(err as Error).message}`, reason: 'InternalError' }));
      return void ws.close(1000);
    }
    record.pid = p.pid;
    processes.add({ kill: () => p.kill('SIGKILL') });
    p.onData((d: string | Buffer) => send(1, typeof d === 'string' ? Buffer.from(d) : d));
    p.onExit(({ exitCode }) => finish(exitCode));
    input = (data) => p.write(data as unknown as string);
    resize = (s) => p.resize(s.width, s.height);
  } else {
    const child: ChildProcess = spawn(req.command[0], req.command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    record.pid = child.pid;
    processes.add({ kill: () => child.kill('SIGKILL') });
    child.stdout!.on('data', (d: Buffer) => send(1, d));
    child.stderr!.on('data', (d: Buffer) => req.stderr && send(2, d));
    child.on('error', (err) => {
      send(3, JSON.stringify({ metadata: {}, status: 'Failure', message: `exec failed: ${err.message}`, reason: 'InternalError' }));
      ws.close(1000);
    });
    child.on('close', (code) => finish(code));
    input = (data) => child.stdin!.write(data);
  }
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    const data = isBinary ? raw : Buffer.from(raw);
    if (data.length < 1) return;
    const stream = data[0];
    const body = data.subarray(1);
    if (stream === 0 && req.stdin) input(body);
    else if (stream === 4) {
      const size = terminalSize(body.toString('utf8'));
      if (size) {
        record.sizes.push(size);
        resize(size);
      }
    }
  });
}
