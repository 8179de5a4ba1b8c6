import { Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import type { KubeClient, PodExecRef } from '../cluster/kube-client';

/**
 * The stdout a pod terminal hands client-node's Exec: it has `columns` and `rows` and emits
 * 'resize', so Exec sends the first size and each later one on the resize channel (4) as
 * `{"width":…,"height":…}`, the way it does for a real TTY.
 */
export class TtyOutput extends Writable {
  constructor(
    public columns: number,
    public rows: number,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {
    super({ decodeStrings: true });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.onChunk(chunk);
    done();
  }

  resize(cols: number, rows: number): void {
    this.columns = cols;
    this.rows = rows;
    this.emit('resize');
  }
}

/** The exit code an exec status carries: 0 on Success, the ExitCode cause of NonZeroExitCode, else null. */
export function exitCodeOfStatus(s: V1Status): number | null {
  if (s.status === 'Success') return 0;
  if (s.reason === 'NonZeroExitCode') {
    const n = Number(s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message);
    return Number.isInteger(n) ? n : null;
  }
  return null;
}

/** Runs a short argv in a pod without a TTY and collects its stdout; a code of null when it could not run or timed out. */
export async function runInPod(kube: KubeClient, ref: PodExecRef, argv: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string }> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) });
  let status: V1Status | undefined;
  try {
    const ws = await kube.exec(ref, argv, { stdout: out, onStatus: (s) => (status = s) });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (ws.close(), resolve()), timeoutMs);
      ws.once('close', () => (clearTimeout(timer), resolve()));
    });
  } catch {
    return { code: null, stdout: '' };
  }
  return { code: status ? exitCodeOfStatus(status) : null, stdout: Buffer.concat(chunks).toString('utf8') };
}

/** Which shell a pod has (bash, else sh) and whether `env` is there to set TERM and the session mark. */
export async function probePodShell(kube: KubeClient, ref: PodExecRef): Promise<{ shell: string[]; env: boolean }> {
  const r = await runInPod(kube, ref, ['sh', '-c', 'command -v bash >/dev/null 2>&1 && echo bash; command -v env >/dev/null 2>&1 && echo env; exit 0'], 5000);
  const found = r.stdout.split(/\s+/);
  return { shell: found.includes('bash') ? ['bash'] : ['sh'], env: found.includes('env') };
}

