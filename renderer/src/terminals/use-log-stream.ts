import { useEffect, useRef, useState } from 'react';
import type { LogBatch, PodRef } from '../../../main/api/schemas/terminals';
import { api } from '../state/client';
import { LogBuffer } from './log-buffer';

/**
 * Follows a lab's (or one service's) logs into a bounded buffer while mounted. Batches arrive as
 * `logs.lines` events; the view re-renders at most ~10 times a second; pausing stops re-rendering
 * (lines are still kept) so the reader's place holds still.
 */
export function useLogStream(labId: string, service: string | undefined, paused: boolean, pod?: PodRef): { buffer: LogBuffer; version: number; error: string | null } {
  const buffer = useRef(new LogBuffer()).current;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const dirty = useRef(false);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  // a cluster lab's pod (its log through the Kubernetes API) instead of the lab's containers
  const podKey = pod ? `${pod.namespace}/${pod.pod}/${pod.container ?? ''}` : '';
  const podRef = useRef(pod);
  podRef.current = pod;

  useEffect(() => {
    buffer.clear();
    let streamId: string | null = null;
    let live = true;
    const early: LogBatch[] = [];
    const take = (b: LogBatch): void => {
      buffer.add(b.lines);
      dirty.current = true;
    };
    const stopListening = api().on('logs.lines', (b) => {
      if (streamId === null) early.push(b);
      else if (b.streamId === streamId) take(b);
    });
    api()
      .api['logs.follow']({ labId, service, tail: 300, follow: true, pod: podRef.current })
      .then(
        (r) => {
          if (!live) return void api().api['logs.stop']({ streamId: r.streamId }).catch(() => undefined);
          streamId = r.streamId;
          early.filter((b) => b.streamId === r.streamId).forEach(take);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    const timer = setInterval(() => {
      if (dirty.current && !pausedRef.current) {
        dirty.current = false;
        setVersion((v) => v + 1);
      }
    }, 100);
    return () => {
      live = false;
      clearInterval(timer);
      stopListening();
      if (streamId) void api().api['logs.stop']({ streamId }).catch(() => undefined);
    };
  }, [labId, service, podKey, buffer]);
  return { buffer, version, error };
}
