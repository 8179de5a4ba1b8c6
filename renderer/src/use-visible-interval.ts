import { useEffect } from 'react';

/** Calls `fn` every `ms` while the page is visible; stops when hidden or unmounted. */
export function useVisibleInterval(fn: () => void | Promise<void>, ms: number): void {
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const arm = (): void => {
      clearInterval(timer);
      if (document.visibilityState === 'visible') timer = setInterval(() => void fn(), ms);
    };
    arm();
    document.addEventListener('visibilitychange', arm);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', arm);
    };
  }, [fn, ms]);
}
