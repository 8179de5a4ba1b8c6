import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { podmanSafeHealthcheck, shellQuote } from './podman-compat';

describe('podmanSafeHealthcheck', () => {
  it('leaves tests without spaces in arguments alone', () => {
    expect(podmanSafeHealthcheck(['CMD', 'redis-cli', 'ping'])).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(podmanSafeHealthcheck(['CMD-SHELL', 'a; b'])).toEqual(['CMD-SHELL', 'a; b']);
    expect(podmanSafeHealthcheck(['NONE'])).toEqual(['NONE']);
  });

  it('turns a CMD with spaced arguments into the same command as a shell line', () => {
    const out = podmanSafeHealthcheck(['CMD', 'sh', '-c', `echo "it's"; exit 3`])!;
    expect(out[0]).toBe('CMD-SHELL');
    // the shell line runs the very argv it came from
    const status = (() => {
      try {
        execFileSync('sh', ['-c', out[1]], { stdio: 'pipe' });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    })();
    expect(status).toBe(3);
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote("a b'c")}`], { encoding: 'utf8' })).toBe("a b'c");
  });
});
