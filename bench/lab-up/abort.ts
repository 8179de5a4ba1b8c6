/** Cancellation: one AbortController for the whole bench, and the sleep and check that honour it. */

export class Aborted extends Error {
  constructor() {
    super('interrupted');
  }
}

export const aborter = new AbortController();
export const checkAbort = (): void => {
  if (aborter.signal.aborted) throw new Aborted();
};
export const sleep = (ms: number): Promise<void> =>
  new Promise((res, rej) => {
    if (aborter.signal.aborted) return rej(new Aborted());
    const onAbort = (): void => {
      clearTimeout(t);
      rej(new Aborted());
    };
    const t = setTimeout(() => {
      aborter.signal.removeEventListener('abort', onAbort);
      res();
    }, ms);
    aborter.signal.addEventListener('abort', onAbort, { once: true });
  });
