import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { dockerOn } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { uniqueLab } from '../../testing/test-core';
import { LabStatsStreams } from './lab-stats-streams';

const ready = await hasDocker();

describe.skipIf(!ready).each(engineRows(ready))("a lab's stats from the engine's stats stream, on $name", ({ endpoint }) => {
  const docker = new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });
  const name = `${uniqueLab('fast-stats')}-busy`;
  let id = '';
  const streams = new LabStatsStreams();

  beforeAll(() => {
    // a container that burns some CPU and holds some memory, so both are visibly non-zero
    id = dockerOn(endpoint, 'run', '-d', '--name', name, '--label', `io.labdeck.lab=${name}`, 'redis:7.2', 'sh', '-c', 'while :; do :; done');
  });
  afterAll(() => {
    streams.close();
    dockerOn(endpoint, 'rm', '-f', id);
  });

  it('answers with CPU and memory from the first frame that has them, then from the open stream; a closed set of streams is empty', async () => {
    // Docker's second frame (a second on) has CPU; Podman's first does not and its next is 5 s on
    let [first] = await streams.usage(docker, [{ id, name }]);
    for (let i = 0; i < 30 && first?.cpuPercent === undefined; i++) {
      await new Promise((r) => setTimeout(r, 500));
      [first] = await streams.usage(docker, [{ id, name }]);
    }
    expect(first.container).toBe(name);
    expect(first.cpuPercent).toBeGreaterThan(1);
    expect(first.memoryBytes).toBeGreaterThan(0);
    expect(streams.watched()).toEqual([id]);

    // the stream keeps flowing (Docker: a frame a second, Podman: every 5 s): a later answer is a newer frame of the same single stream
    let later = first;
    for (let i = 0; i < 30 && later === first; i++) {
      await new Promise((r) => setTimeout(r, 500));
      [later] = await streams.usage(docker, [{ id, name }]);
    }
    expect(later).not.toBe(first);
    expect(later.cpuPercent).toBeGreaterThan(1);
    expect(streams.watched()).toEqual([id]);

    streams.close();
    expect(streams.watched()).toEqual([]);
  });
});
