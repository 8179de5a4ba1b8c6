/**
 * A running interactive program behind a terminal: a `docker exec` TTY in a lab container or a
 * host shell under a pty. Output is raw bytes; `pause`/`resume` are for flow control.
 */
export interface TerminalProcess {
  /** The argv that runs, e.g. ['bash'] or ['/bin/zsh', '-l']. */
  readonly argv: string[];
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once, with the exit code when it is known (null when the engine does not say). */
  onExit(listener: (exitCode: number | null) => void): void;
  write(data: Buffer | string): void;
  resize(cols: number, rows: number): Promise<void>;
  pause(): void;
  resume(): void;
  /** Ends the session from our side. */
  close(): void;
}

/** Calls each listener of a one-shot exit once, however many times `fire` is called. */
export function exitOnce(): { on(listener: (code: number | null) => void): void; fire(code: number | null): void; fired: boolean } {
  const listeners: ((code: number | null) => void)[] = [];
  let result: { code: number | null } | null = null;
  return {
    get fired() {
      return result !== null;
    },
    on(listener) {
      if (result) listener(result.code);
      else listeners.push(listener);
    },
    fire(code) {
      if (result) return;
      result = { code };
      for (const l of listeners.splice(0)) l(code);
    },
  };
}
