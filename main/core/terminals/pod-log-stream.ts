import { Writable } from 'node:stream';
import type { LogLine, LogsParams, PodRef } from '../../api/schemas/terminals';
import type { KubeClient } from '../cluster/kube-client';
import { kubeError, readPod } from '../cluster/pod-access';
import { podContainer } from '../cluster/pod-summary';
import { byTime, LogLineSplitter } from './log-lines';
import type { LogFollower } from './log-stream';

/** Follows pod logs (the logs service's `pod` option); `kube(labId)` fails when the lab is not a cluster lab. */
export interface PodLogSource {
  follow(p: LogsParams & { pod: PodRef }, onBatch: (lines: LogLine[]) => void): Promise<LogFollower>;
}

/** A Writable that splits a container's log (timestamps on) into lines and resolves `ended` when the response ends. */
function lineSink(meta: { service: string; container: string }, out: (lines: LogLine[]) => void): { sink: Writable; ended: Promise<void> } {
  const splitter = new LogLineSplitter({ ...meta, stream: 'stdout' });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out(splitter.push(chunk));
      done();
    },
    final(done) {
      out(splitter.end());
      done();
    },
  });
  const ended = new Promise<void>((resolve) => {
    sink.on('finish', resolve);
    sink.on('close', resolve);
    sink.on('error', () => resolve());
  });
  return { sink, ended };
}

/**
 * A pod's log through the API (GET …/pods/P/log?follow&timestamps&tailLines), one request per
 * container (the one named, else all of them), merged and handed on in time-sorted batches, like
 * a lab's container logs. The API merges a container's stdout and stderr, so every line is stdout.
 */
export function podLogs(kube: (labId: string) => Promise<KubeClient>, batchMs = 100): PodLogSource {
  return {
    async follow(p, onBatch) {
      const client = await kube(p.labId);
      const pod = await readPod(client, p.labId, p.pod.namespace, p.pod.pod);
      const names = p.pod.container ? [podContainer(pod, p.pod.container)] : (pod.spec?.containers ?? []).map((c) => c.name);
      let pending: LogLine[] = [];
      const flush = (): void => {
        if (!pending.length) return;
        const batch = pending.sort(byTime);
        pending = [];
        onBatch(batch);
      };
      const stops: (() => void)[] = [];
      const ends: Promise<void>[] = [];
      try {
        for (const name of names) {
          const service = names.length > 1 || (pod.spec?.containers?.length ?? 0) > 1 ? `${p.pod.pod}/${name}` : p.pod.pod;
          const { sink, ended } = lineSink({ service, container: `${p.pod.namespace}/${p.pod.pod}/${name}` }, (lines) => pending.push(...lines));
          stops.push(await client.logs({ namespace: p.pod.namespace, pod: p.pod.pod, container: name }, sink, { follow: p.follow, tailLines: p.tail }));
          ends.push(ended);
        }
      } catch (err) {
        stops.forEach((s) => s());
        throw kubeError(err, `log of pod ${p.pod.namespace}/${p.pod.pod}`, p.labId);
      }
      const timer = p.follow ? setInterval(flush, batchMs) : undefined;
      const done = Promise.all(ends).then(() => {
        clearInterval(timer);
        flush();
      });
      return {
        done,
        stop: () => {
          stops.forEach((s) => s());
          clearInterval(timer);
        },
      };
    },
  };
}
