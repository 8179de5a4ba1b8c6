import type { PlannedContainer } from '../lab-plan';

/** POSIX single-quoting: the word reaches the program exactly as written. */
export const shellQuote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * Podman 4.3's Docker-compatible API joins a healthcheck's ['CMD', ...argv] and splits it again
 * on spaces, so `sh -c "a; b"` arrives as `sh -c a; b`. ['CMD-SHELL', line] arrives intact, so a
 * CMD test with any argument a split would change is sent as the equivalent quoted shell line.
 */
export function podmanSafeHealthcheck(test: string[] | undefined): string[] | undefined {
  if (!test || test[0] !== 'CMD' || test.slice(1).every((a) => /^\S+$/.test(a))) return test;
  return ['CMD-SHELL', test.slice(1).map(shellQuote).join(' ')];
}

export function forPodman(c: PlannedContainer): PlannedContainer {
  const hc = c.create.Healthcheck;
  return hc ? { ...c, create: { ...c.create, Healthcheck: { ...hc, Test: podmanSafeHealthcheck(hc.Test) } } } : c;
}
