import { describe, expect, it } from 'vitest';
import { oomKillsFromEvents } from './podman-probe';

const ev = (status: string, ms: number, code = '0') => ({ status, timeNano: ms * 1e6, Actor: { Attributes: { containerExitCode: code } } });

describe('OOM kills from Podman events', () => {
  it('counts a died 137 with no kill before it', () => {
    expect(oomKillsFromEvents([ev('start', 0), ev('died', 900, '137'), ev('restart', 950), ev('died', 1900, '137')])).toBe(2);
  });
  it('a docker kill or stop (kill event first) is not an OOM kill, nor is another exit code', () => {
    expect(oomKillsFromEvents([ev('start', 0), ev('kill', 1000), ev('died', 1100, '137'), ev('died', 20_000, '1')])).toBe(0);
  });
});
