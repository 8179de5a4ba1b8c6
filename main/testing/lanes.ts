/**
 * Runs tasks one at a time per key and side by side across keys: e.g. the built-in labs one after
 * another on each engine, Docker's and Podman's at once (each engine waits on its own containers).
 */
export function lanes(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    tails.set(key, run.catch(() => undefined));
    return run;
  };
}
