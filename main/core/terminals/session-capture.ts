import type { TerminalSession } from './terminal-session';

/**
 * Test and bench helper: attaches to a session, collects its output as bytes (acking as it goes,
 * like a renderer), and waits for text or for the exit code.
 */
export function captureSession(session: TerminalSession) {
  const chunks: Buffer[] = [];
  let exit: { code: number | null } | null = null;
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  const detach = session.attach({
    data(chunk) {
      chunks.push(chunk);
      session.ack(chunk.length);
      wake();
    },
    exit(code) {
      exit = { code };
      wake();
    },
  });
  const text = (): string => Buffer.concat(chunks).toString('utf8');
  const until = (ok: () => boolean, what: string, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!ok()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${ms} ms; output so far:\n${text().slice(-2000)}`));
      }, ms);
      waiters.add(check);
      check();
    });
  return {
    text,
    bytes: () => Buffer.concat(chunks),
    clear: () => void chunks.splice(0),
    detach,
    waitFor: (re: RegExp, ms = 20_000) => until(() => re.test(text()), String(re), ms),
    exited: async (ms = 20_000): Promise<number | null> => {
      await until(() => exit !== null, 'exit', ms);
      return exit!.code;
    },
  };
}
