import type { Core } from '../core/app-core';
import { movedAsideNotice, storeLostError } from './store-notice';

/**
 * Runs a command against a core built for this machine, closing it afterwards. When the store had
 * to be moved aside, the command says so (once: the next command finds the new store); a command
 * that `needsHistory` fails instead of printing an empty answer as if nothing had happened.
 * `lab`: the command acts on that lab, on its own engine; `engine`: on the engine of that name.
 */
export async function withCore<T>(work: (core: Core) => Promise<T>, opts: { needsHistory?: boolean; lab?: string; engine?: string } = {}): Promise<T> {
  // Loaded here, not at the top: `labdeck --help` and usage errors never open the store or load the engine client.
  const { createHostCore } = await import('../core/host-core');
  const core = createHostCore();
  try {
    // a lab lives on the engine it was made on; `--engine NAME` names one for a new lab
    if (opts.engine) core.engines.use(opts.engine);
    else if (opts.lab) core.engines.useLabEngine(opts.lab);
    const info = await core.handlers['app.info']({});
    if (info.corruptDatabaseMovedTo) {
      if (opts.needsHistory) throw storeLostError(info.databasePath, info.corruptDatabaseMovedTo);
      process.stderr.write(`labdeck: ${movedAsideNotice(info.databasePath, info.corruptDatabaseMovedTo)}\n`);
    }
    return await work(core);
  } finally {
    await core.close();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
