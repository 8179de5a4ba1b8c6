/** Removing what the bench created: per-run teardowns, label sweeps, temp dirs, and the final clean-up. */
import { rm } from 'node:fs/promises';
import { running, runForCleanup } from './processes';

const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** Removes every container, network and volume carrying `label` (key=value). Returns what it found. */
export async function sweepLabel(label: string): Promise<string[]> {
  const found: string[] = [];
  const ids = lines((await runForCleanup('docker', ['ps', '-aq', '--filter', `label=${label}`])).stdout);
  if (ids.length) {
    found.push(...ids.map((id) => `container ${id}`));
    await runForCleanup('docker', ['rm', '-f', '-v', ...ids]);
  }
  const nets = lines((await runForCleanup('docker', ['network', 'ls', '-q', '--filter', `label=${label}`])).stdout);
  if (nets.length) {
    found.push(...nets.map((id) => `network ${id}`));
    await runForCleanup('docker', ['network', 'rm', ...nets]);
  }
  const vols = lines((await runForCleanup('docker', ['volume', 'ls', '-q', '--filter', `label=${label}`])).stdout);
  if (vols.length) {
    found.push(...vols.map((id) => `volume ${id}`));
    await runForCleanup('docker', ['volume', 'rm', '-f', ...vols]);
  }
  return found;
}

/** What is still to be removed, by key; each way registers its teardown before it creates anything. */
export const teardowns = new Map<string, () => Promise<void>>();
export const tempDirs: string[] = [];
export const warnings: string[] = [];

export async function teardown(key: string): Promise<void> {
  const fn = teardowns.get(key);
  if (!fn) return;
  await fn();
  teardowns.delete(key);
}

export async function cleanupAll(): Promise<void> {
  // Let children finish first (`labdeck up` has been told to roll back), so nothing is made after the sweep.
  const pending = [...running.values()].map((r) => r.done.catch(() => undefined));
  if (pending.length) {
    process.stderr.write(`waiting for ${pending.length} running command(s) to finish…\n`);
    await Promise.race([Promise.all(pending), new Promise((res) => setTimeout(res, 60_000))]);
  }
  for (const key of [...teardowns.keys()]) {
    process.stderr.write(`removing ${key}…\n`);
    await teardown(key).catch((e: unknown) => process.stderr.write(`cleanup of ${key} failed: ${e instanceof Error ? e.message : String(e)}\n`));
  }
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
