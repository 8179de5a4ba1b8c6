import type { Core } from '../core/app-core';
import { createHostCore } from '../core/host-core';

/** Runs a command against a core built for this machine, closing it afterwards. */
export async function withCore<T>(work: (core: Core) => Promise<T>): Promise<T> {
  const core = createHostCore();
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
