import { useCallback, useEffect, useRef, useState } from 'react';
import { useVisibleInterval } from '../use-visible-interval';
import { errorText } from './range-query';

export interface PanelData<T> {
  data: T | null;
  error: string | null;
  /** Epoch ms of the last successful load. */
  updatedAt: number | null;
}

/**
 * Loads a panel's data now and every `refreshMs` while the page is visible, with at most one
 * request in flight: a tick that finds one still running is skipped. When `key` (the query, the
 * range, the variables) changes, a fresh load follows the one in flight and stale answers are dropped.
 * A failure keeps the last data and sets `error`, which the panel shows inside itself.
 */
export function usePanelData<T>(load: () => Promise<T>, key: string, refreshMs: number): PanelData<T> {
  const [state, setState] = useState<PanelData<T>>({ data: null, error: null, updatedAt: null });
  const loadRef = useRef(load);
  const keyRef = useRef(key);
  const inFlight = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  loadRef.current = load;

  const tick = useCallback(async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    const forKey = keyRef.current;
    try {
      const data = await loadRef.current();
      if (alive.current && forKey === keyRef.current) setState({ data, error: null, updatedAt: Date.now() });
    } catch (e) {
      if (alive.current && forKey === keyRef.current) setState((s) => ({ ...s, error: errorText(e) }));
    } finally {
      inFlight.current = false;
      if (again.current && alive.current) {
        again.current = false;
        void tick();
      }
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    keyRef.current = key;
    if (inFlight.current) again.current = true;
    else void tick();
  }, [key, tick]);

  useVisibleInterval(tick, refreshMs);
  return state;
}
