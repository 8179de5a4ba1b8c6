import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FaultSpec, sizeBytes } from './fault-model';
import { netemArgs, netemUnavailable } from './injectors/netem-fault';
import { adminPost, adminRevertBody } from './injectors/app-fault';
import { volumeFor } from './injectors/disk-fault';
import { INJECTORS } from './injectors';

describe('fault model', () => {
  it('has an injector for every kind', () => {
    expect(Object.keys(INJECTORS).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('fills defaults and keeps the target', () => {
    expect(FaultSpec.parse({ kind: 'kill', target: { service: 'worker', replica: 'random' } })).toEqual({ kind: 'kill', target: { service: 'worker', replica: 'random' }, params: { signal: 'SIGKILL' } });
    expect(FaultSpec.parse({ kind: 'loss', target: { service: 'a' }, params: { percent: 20 }, durationMs: 5000 })).toMatchObject({ params: { percent: 20, direction: 'ingress' }, durationMs: 5000 });
    expect(FaultSpec.parse({ kind: 'partition', target: { service: 'a' } })).toMatchObject({ params: { action: 'drop' } });
  });

  it('refuses unknown kinds, keys, and out-of-range values, naming the path', () => {
    const path = (v: unknown): string | undefined => {
      const r = FaultSpec.safeParse(v);
      return r.success ? undefined : r.error.issues[0].path.join('.');
    };
    expect(path({ kind: 'explode', target: { service: 'a' } })).toBe('kind');
    expect(path({ kind: 'loss', target: { service: 'a' }, params: { percent: 101 } })).toBe('params.percent');
    expect(path({ kind: 'kill', target: { service: 'a', replica: 0 } })).toBe('target.replica');
    expect(path({ kind: 'pause', target: { service: 'a' }, extra: 1 })).toBe('');
    expect(path({ kind: 'netem', target: { service: 'a' }, params: {} })).toBe('params');
    expect(path({ kind: 'bandwidth', target: { service: 'a' }, params: { rate: '1 megabit' } })).toBe('params.rate');
    expect(path({ kind: 'exec', target: { service: 'a' }, params: { argv: [] } })).toBe('params.argv');
  });

  it('normalises fault paths and refuses .. (a /data/../srv would pass the volume check and reach /srv)', () => {
    const disk = (path: string) => FaultSpec.safeParse({ kind: 'disk', target: { service: 'a' }, params: { path, size: '1m' } });
    for (const bad of ['/data/../srv', '/data/..', '/../etc', '/data/sub/../../srv']) {
      const r = disk(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['params', 'path'], message: expect.stringMatching(/\.\./) });
    }
    expect(disk('data').success).toBe(false);
    expect(disk('//data/./sub/').data?.params).toMatchObject({ path: '/data/sub' });
    expect(disk('/data..x/y').data?.params).toMatchObject({ path: '/data..x/y' });
    expect(disk('/').data?.params).toMatchObject({ path: '/' });
  });

  it('reads sizes the way Docker does (binary units)', () => {
    expect(sizeBytes('64m')).toBe(64 * 1024 ** 2);
    expect(sizeBytes('1g')).toBe(1024 ** 3);
    expect(sizeBytes('512k')).toBe(512 * 1024);
    expect(sizeBytes(1000)).toBe(1000);
  });
});

describe('injector pieces', () => {
  it('builds netem arguments in tc order', () => {
    expect(netemArgs({ delayMs: 100, jitterMs: 20, lossPercent: 5, corruptPercent: 1, duplicatePercent: 2, rate: '1mbit' })).toEqual([
      'delay', '100ms', '20ms', 'loss', '5%', 'corrupt', '1%', 'duplicate', '2%', 'rate', '1mbit',
    ]);
    expect(netemArgs({ lossPercent: 10 })).toEqual(['loss', '10%']);
  });

  it('turns tc\'s unknown-qdisc answer into NETEM_UNAVAILABLE, and nothing else', () => {
    const e = netemUnavailable('Error: Specified qdisc kind is unknown.');
    expect(e?.code).toBe('NETEM_UNAVAILABLE');
    expect(e?.hint).toMatch(/loss fault|bandwidth/);
    expect(netemUnavailable('RTNETLINK answers: Operation not permitted')).toBeUndefined();
  });

  it('undoes application faults with the values the workload had before, every key the fault sets', () => {
    const worker = { latencyMs: 50, errorRatio: 0, leakMbPerSec: 0, crashBetweenReadAndAck: false, autoClaim: true, leakedBytes: 0 };
    // redis-worker-crash's fault: the revert once was {} and left the worker without its claim loop
    expect(adminRevertBody({ port: 9464, autoClaim: false }, worker)).toEqual({ body: { autoClaim: true }, freeLeak: false });
    // not the neutral 0: the latency the worker had before
    expect(adminRevertBody({ port: 9464, latencyMs: 300, errorRatio: 0.5 }, worker)).toEqual({ body: { latencyMs: 50, errorRatio: 0 }, freeLeak: false });
    expect(adminRevertBody({ port: 9464, leakMbPerSec: 5 }, worker)).toEqual({ body: { leakMbPerSec: 0 }, freeLeak: true });
    expect(() => adminRevertBody({ port: 9464, rate: 5 }, worker)).toThrow(/no rate fault \(it has latencyMs, errorRatio, leakMbPerSec, crashBetweenReadAndAck, autoClaim\)/);
    const argv = adminPost(8080, { latencyMs: 300 });
    expect(argv.at(-1)).toBe('http://127.0.0.1:8080/admin');
    expect(argv).toContain('{"latencyMs":300}');
  });

  it('fills only a volume that holds the path, never a bind mount', () => {
    const mounts = [
      { Type: 'volume', Name: 'v', Destination: '/data' },
      { Type: 'bind', Source: '/home/x', Destination: '/src' },
    ] as never;
    expect(volumeFor(mounts, '/data/sub')?.Name).toBe('v');
    expect(volumeFor(mounts, '/database')).toBeUndefined();
    expect(volumeFor(mounts, '/src')).toBeUndefined();
  });
});
