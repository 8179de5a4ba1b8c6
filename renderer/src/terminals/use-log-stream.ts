import { useEffect, useRef, useState } from 'react';
import type { LogBatch } from '../../../main/api/schemas/terminals';
import { api } from '../state/client';
import { LogBuffer } from './log-buffer';

/**
 * Follows a lab's (or one service's) logs into a bounded buffer while mounted. Batches arrive as
 * `logs.lines` events; the view re-renders at most ~10 times a second; pausing stops re-rendering
 * (lines are still kept) so the reader's place holds still.
 */
export function useLogStream(labId: string, service: string | undefined, paused: boolean): { buffer: LogBuffer; version: number; error: string | null } {
  const buffer = useRef(new LogBuffer()).current;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const dirty = useRef(false);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

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
      .api['logs.follow']({ labId, service, tail: 300, follow: true })
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
  }, [labId, service, buffer]);
  return { buffer, version, error };
}
