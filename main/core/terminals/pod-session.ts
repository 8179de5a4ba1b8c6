import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { LabdeckError } from '../../api/errors';
import { apiMessage, type KubeClient, type PodExecRef } from '../cluster/kube-client';
import { killByMarkScript } from './kill-by-mark';
import { exitCodeOfStatus, probePodShell, runInPod, TtyOutput } from './pod-exec-io';
import { exitOnce, type TerminalProcess } from './terminal-process';

export interface PodExecOptions {
  /** The argv to run instead of probing bash, then sh. */
  argv?: string[];
  cols: number;
  rows: number;
}

/**
 * `kubectl exec -it` through client-node: a TTY exec in a pod's container over the API's exec
 * WebSocket. Keystrokes go out on channel 0, output comes on 1, the TTY size on 4, the exit status
 * on 3. Flow control pauses the socket (TCP back-pressure reaches the container's TTY), as a
 * container terminal pauses its exec stream. Closing sends HUP then KILL to what the shell started.
 */
export async function startPodExec(kube: KubeClient, ref: PodExecRef, opts: PodExecOptions): Promise<TerminalProcess> {
  const probe = await probePodShell(kube, ref);
  const shell = opts.argv ?? probe.shell;
  const mark = probe.env ? randomBytes(8).toString('hex') : undefined;
  const argv = mark ? ['env', 'TERM=xterm-256color', 'LANG=C.UTF-8', `LABDECK_TERMINAL=${mark}`, ...shell] : shell;
  const listeners: ((chunk: Buffer) => void)[] = [];
  const stdout = new TtyOutput(opts.cols, opts.rows, (chunk) => listeners.forEach((l) => l(chunk)));
  const stdin = new PassThrough();
  const exit = exitOnce();
  let status: V1Status | undefined;
  const ws = await kube
    .exec(ref, argv, { stdout, stdin, tty: true, onStatus: (s) => (status = s) })
    .catch((err: unknown) => {
      throw new LabdeckError('CLUSTER_FAILED', `exec in pod ${ref.namespace}/${ref.pod} (${ref.container}): ${apiMessage(err)}`, { hint: 'Is the pod running? See its status on the lab page, or `kubectl get pod` with the lab\'s kubeconfig.' });
    });
  ws.once('close', () => {
    const code = status ? exitCodeOfStatus(status) : null;
    // A failure that is not the shell's exit code (a missing binary, a container gone) is shown in the terminal.
    if (status && code === null && status.message) listeners.forEach((l) => l(Buffer.from(`\r\n${status!.message}\r\n`)));
    exit.fire(code);
  });
  return {
    argv: shell,
    onData: (listener) => void listeners.push(listener),
    onExit: (listener) => exit.on(listener),
    write: (data) => {
      if (!exit.fired) stdin.write(data);
    },
    resize: async (cols, rows) => {
      if (!exit.fired) stdout.resize(cols, rows);
    },
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close: () => {
      if (exit.fired) return;
      ws.close();
      if (mark) void runInPod(kube, ref, ['sh', '-c', killByMarkScript(mark)], 5000);
      setTimeout(() => ws.terminate(), 3000).unref();
    },
  };
}
