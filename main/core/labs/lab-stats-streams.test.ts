import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LabStatsStreams } from './lab-stats-streams';

const frame = (total: number, system: number, prevTotal: number, prevSystem: number) =>
  JSON.stringify({ cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: prevTotal }, system_cpu_usage: prevSystem }, memory_stats: { usage: 5000, stats: { inactive_file: 1000 } } });

/** An engine whose stats stream is a PassThrough the test writes frames into (the real stream is covered by the integration test). */
function engineWith(stream: PassThrough): { docker: Docker; opened: () => number } {
  let opened = 0;
  const docker = { getContainer: () => ({ stats: async () => (opened++, stream) }) } as unknown as Docker;
  return { docker, opened: () => opened };
}

describe('LabStatsStreams', () => {
  it('reads frames split across chunks, answers after the second frame, and keeps one stream per container', async () => {
    const stream = new PassThrough();
    const { docker, opened } = engineWith(stream);
    const streams = new LabStatsStreams();
    const answer = streams.usage(docker, [{ id: 'c1', name: 'lab-redis-1' }]);
    const two = `${frame(100, 1000, 0, 0)}\n${frame(200, 2000, 100, 1000)}\n`;
    stream.write(two.slice(0, 37));
    stream.write(two.slice(37));
    const [u] = await answer;
    expect(u).toMatchObject({ container: 'lab-redis-1', cpuPercent: 20, memoryBytes: 4000 });
    await streams.usage(docker, [{ id: 'c1', name: 'lab-redis-1' }]);
    expect(opened()).toBe(1);
    streams.close();
    expect(stream.destroyed).toBe(true);
  });

  it('drops a stream that ends, so the next request opens a new one; a torn line is skipped', async () => {
    const stream = new PassThrough();
    const { docker } = engineWith(stream);
    const streams = new LabStatsStreams();
    const answer = streams.usage(docker, [{ id: 'c1', name: 'x' }]);
    stream.write('{"torn\n');
    stream.end();
    expect(await answer).toEqual([]);
    expect(streams.watched()).toEqual([]);
    streams.close();
  });
});
