import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../api/schemas/lab-events';
import { hasDocker } from '../../../testing/requirements';
import { dockerOn } from '../../../testing/docker-cli';
import { testEngines } from '../../../testing/engines';
import { testCore, uniqueLab } from '../../../testing/test-core';
import { webhookPath } from './webhook-plan';

const ready = await hasDocker();
const engines = ready ? testEngines() : [];

async function waitFor<T>(what: string, timeoutMs: number, find: () => T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** POSTs from inside a lab container (node, through the network's gateway) to Labdeck's receiver; async, since the receiver answers from this process. */
async function postFromLab(endpoint: string, container: string, host: string, port: number, path: string): Promise<string> {
  const script = `fetch(process.argv[1], { method: 'POST', body: '{}' }).then((r) => console.log(r.status), (e) => console.log(String(e.cause ?? e)))`;
  const { stdout } = await promisify(execFile)('docker', ['-H', endpoint, 'exec', container, 'node', '-e', script, `http://${host}:${port}${path}`], { timeout: 15_000 });
  return stdout.trim();
}

describe.skipIf(!ready)('Alertmanager webhook into Labdeck', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it.each(engines)('on $name: a stopped node-exporter reaches SQLite as NodeDown firing, then resolved; a wrong token is refused', async ({ endpoint }) => {
    const { core, cleanup } = testCore(endpoint, { receiveAlerts: true });
    cleanups.push(cleanup);
    const labId = uniqueLab('alertwh');
    const done = await core.jobs.wait((await core.labs.up('alerting', labId)).jobId);
    try {
      expect(done.error).toBeUndefined();
      const webhook = core.labs.record(labId)?.webhook;
      expect(webhook?.port).toBeGreaterThan(0);
      await core.receivers!.sync();
      expect(core.receivers!.address(labId)).toEqual({ host: webhook!.gateway, port: webhook!.port });

      // The config the lab's Alertmanager runs has Labdeck's receiver in it, and Alertmanager accepted it.
      const am = `${labId}-alertmanager-1`;
      expect(dockerOn(endpoint, 'exec', am, 'cat', '/etc/alertmanager/alertmanager.yml')).toContain(`host.docker.internal:${webhook!.port}${webhookPath(labId, '')}`);
      const sink = `${labId}-alert-sink-1`;
      expect(await postFromLab(endpoint, sink, webhook!.gateway, webhook!.port, webhookPath(labId, 'not-the-token'))).toBe('401');
      expect(await postFromLab(endpoint, sink, webhook!.gateway, webhook!.port, webhookPath(labId, webhook!.token))).toBe('400');

      const stoppedAt = Date.now();
      const stopped = await core.handlers['labs.serviceAction']({ labId, container: `${labId}-node-exporter-1-1`, action: 'stop' });
      expect(stopped.kind).toBe('service.stopped');
      const events = (): LabEvent[] => core.labEvents.list(labId);
      const firing = await waitFor('NodeDown firing', 60_000, () => events().find((e) => e.kind === 'alert.firing' && e.data.alertname === 'NodeDown'));
      const received = Date.parse(firing.receivedAt);
      // NodeDown has `for: 10s`; Prometheus evaluates every 2 s; Alertmanager's group_wait is 1 s.
      const delivery = received - Date.parse(firing.at);
      process.stderr.write(`webhook: NodeDown received ${received - stoppedAt} ms after the stop, ${delivery} ms after Prometheus fired it\n`);
      expect((firing.data.labels as Record<string, string>).service).toBe('node-exporter-1');
      expect(delivery).toBeLessThan(2_000 + 1_000 + 2_000);

      await core.handlers['labs.serviceAction']({ labId, container: `${labId}-node-exporter-1-1`, action: 'start' });
      await waitFor('NodeDown resolved', 60_000, () => events().find((e) => e.kind === 'alert.resolved' && e.data.alertname === 'NodeDown'));
      const timeline = (await core.handlers['labs.events']({ labId })).map((e) => `${e.kind} ${e.title}`);
      process.stderr.write(`webhook: timeline\n  ${timeline.join('\n  ')}\n`);
      expect(timeline[0]).toBe(`service.stopped ${labId}-node-exporter-1-1 stopped`);
      // Alertmanager repeats the group (group_interval, repeat_interval); the timeline keeps each change once.
      expect(timeline.filter((t) => t.startsWith('alert.firing NodeDown'))).toHaveLength(1);
    } finally {
      await core.labs.down(labId);
    }
  }, 180_000);
});
