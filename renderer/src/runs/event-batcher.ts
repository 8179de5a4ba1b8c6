/**
 * Collects items that arrive one by one and hands them over together, at most every `ms`
 * (about ten times a second by default), so a burst of run events is one render, not fifty.
 */
export function createBatcher<T>(flush: (items: T[]) => void, ms = 100) {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (): void => {
    timer = undefined;
    const items = pending;
    pending = [];
    if (items.length) flush(items);
  };
  return {
    push(item: T): void {
      pending.push(item);
      timer ??= setTimeout(fire, ms);
    },
    /** Hands over what is waiting now. */
    flush(): void {
      clearTimeout(timer);
      fire();
    },
    /** Drops what is waiting; nothing more is handed over. */
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}
