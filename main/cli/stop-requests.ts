/** The signals that ask a command to stop: Ctrl-C, a service manager, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopRequest {
  /** What asked: a signal's name, or the crash's message. */
  why: string;
  /** Set when an uncaught exception or an unhandled rejection asked. */
  crash?: unknown;
}

/**
 * Until the returned release is called, the first stop signal, uncaught exception or unhandled
 * rejection calls `stop` once. Later ones only say that stopping is under way: Node's default for a
 * second Ctrl-C or an exception is to die at once, which would leave the run's faults applied.
 */
export function onStopRequest(stop: (r: StopRequest) => void): () => void {
  let asked: StopRequest | undefined;
  const ask = (r: StopRequest): void => {
    if (asked) {
      process.stderr.write(`labdeck: ${r.why}: already stopping (${asked.why}); reverting first\n`);
      return;
    }
    asked = r;
    stop(r);
  };
  const bySignal = (signal: NodeJS.Signals): void => ask({ why: signal });
  const byCrash = (err: unknown): void => ask({ why: `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, crash: err });
  for (const s of STOP_SIGNALS) process.on(s, bySignal);
  process.on('uncaughtException', byCrash);
  process.on('unhandledRejection', byCrash);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, bySignal);
    process.off('uncaughtException', byCrash);
    process.off('unhandledRejection', byCrash);
  };
}
