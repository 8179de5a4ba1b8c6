import { useEffect } from 'react';
import { useRunRoomStore } from './run-room-store';

/** Listens to the open run's events while the page is visible; catches up when it is shown again. */
export function useRunEvents(runId: string): void {
  useEffect(() => {
    let stop: (() => void) | null = null;
    let mounted = true;
    const arm = (): void => {
      stop?.();
      if (!mounted) return;
      stop = document.visibilityState === 'visible' ? useRunRoomStore.getState().listen() : null;
    };
    void useRunRoomStore.getState().open(runId).then(arm);
    document.addEventListener('visibilitychange', arm);
    return () => {
      mounted = false;
      document.removeEventListener('visibilitychange', arm);
      stop?.();
      stop = null;
    };
  }, [runId]);
}
