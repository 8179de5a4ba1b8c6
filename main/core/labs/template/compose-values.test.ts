import { describe, expect, it } from 'vitest';
import { parseExposeEntry, parsePortEntry } from './compose-ports';
import { parseDuration, parseSize, splitArgv } from './compose-values';

describe('parseDuration', () => {
  it('reads Compose durations in ms', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('2.5s')).toBe(2500);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('1h2m3s4ms')).toBe(3_723_004);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '10', '10x', 's', '1m 30s', '-5s', '1d']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});

describe('parseSize', () => {
  it('reads sizes in bytes', () => {
    expect(parseSize('512m')).toBe(512 * 1024 ** 2);
    expect(parseSize('1g')).toBe(1024 ** 3);
    expect(parseSize('1024k')).toBe(1024 ** 2);
    expect(parseSize('100b')).toBe(100);
    expect(parseSize('1.5GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize(4096)).toBe(4096);
    expect(parseSize('4096')).toBe(4096);
  });

  it('refuses what is not a size', () => {
    for (const bad of ['12q', '', 'm', '-1m', -5, 1.5, '1 gigabyte']) expect(parseSize(bad), String(bad)).toBeUndefined();
  });
});

describe('splitArgv', () => {
  it('splits words with quotes and escapes, no shell', () => {
    expect(splitArgv(`sh -c 'echo "$HOME" && ls'`)).toEqual({ argv: ['sh', '-c', 'echo "$HOME" && ls'] });
    expect(splitArgv(`redis-server --save "" --appendonly yes`)).toEqual({ argv: ['redis-server', '--save', '', '--appendonly', 'yes'] });
    expect(splitArgv(`echo a\\ b "c \\"d\\"" e'f'g`)).toEqual({ argv: ['echo', 'a b', 'c "d"', 'efg'] });
    expect(splitArgv('  spaced   out\tand\nlines ')).toEqual({ argv: ['spaced', 'out', 'and', 'lines'] });
    expect(splitArgv('a; rm -rf / | cat')).toEqual({ argv: ['a;', 'rm', '-rf', '/', '|', 'cat'] });
  });

  it('reports an unclosed quote', () => {
    expect(splitArgv(`echo "oops`)).toEqual({ error: expect.stringContaining('unclosed double quote') });
  });
});

describe('parsePortEntry', () => {
  it('reads the short syntax', () => {
    expect(parsePortEntry('8080')).toEqual({ ports: [{ container: 8080, protocol: 'tcp' }] });
    expect(parsePortEntry(80)).toEqual({ ports: [{ container: 80, protocol: 'tcp' }] });
    expect(parsePortEntry('127.0.0.1:8080:80')).toEqual({ ports: [{ host: 8080, container: 80, protocol: 'tcp' }] });
    expect(parsePortEntry('8080:80/udp')).toEqual({ ports: [{ host: 8080, container: 80, protocol: 'udp' }] });
    expect(parsePortEntry('127.0.0.1::80')).toEqual({ ports: [{ container: 80, protocol: 'tcp' }] });
    expect(parsePortEntry('9000-9001:9000-9001').ports).toEqual([
      { host: 9000, container: 9000, protocol: 'tcp' },
      { host: 9001, container: 9001, protocol: 'tcp' },
    ]);
  });

  it('reads the long syntax', () => {
    expect(parsePortEntry({ target: 80, published: '8080', protocol: 'udp', host_ip: '127.0.0.1' })).toEqual({
      ports: [{ host: 8080, container: 80, protocol: 'udp' }],
    });
    expect(parsePortEntry({ target: 80 })).toEqual({ ports: [{ container: 80, protocol: 'tcp' }] });
  });

  it('refuses bad ports and non-loopback addresses', () => {
    expect(parsePortEntry('abc:80').error).toMatch(/port "abc" in "abc:80"/);
    expect(parsePortEntry(70000).error).toMatch(/70000 is out of range/);
    expect(parsePortEntry('0.0.0.0:80:80').error).toMatch(/host_ip 0\.0\.0\.0/);
    expect(parsePortEntry({ target: 80, host_ip: '10.0.0.1' }).error).toMatch(/host_ip 10\.0\.0\.1/);
    expect(parsePortEntry('1:2:3:4').error).toMatch(/malformed/);
    expect(parsePortEntry('8080:9000-9001').error).toMatch(/host range has 1 ports/);
  });

  it('marks what Labdeck cannot do as unsupported', () => {
    expect(parsePortEntry('8000-8010:80')).toMatchObject({ ports: [{ host: 8000, container: 80 }], unsupported: expect.any(String) });
    expect(parsePortEntry('80/sctp')).toMatchObject({ ports: [], unsupported: expect.stringContaining('sctp') });
  });
});

describe('parseExposeEntry', () => {
  it('expands numbers and ranges', () => {
    expect(parseExposeEntry(3000)).toEqual([3000]);
    expect(parseExposeEntry('3000-3002')).toEqual([3000, 3001, 3002]);
    expect(parseExposeEntry('53/udp')).toEqual([53]);
    expect(parseExposeEntry('x')).toMatch(/not a number/);
  });
});
