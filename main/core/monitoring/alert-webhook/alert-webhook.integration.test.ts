import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../api/schemas/lab-events';
import { hasDocker } from '../../../testing/requirements';
import { dockerOn } from '../../../testing/docker-cli';
import { testEngines } from '../../../testing/engines';
import { testCore, uniqueLab } from '../../../testing/test-core';
import { webhookPath } from './webhook-plan';

const ready = await hasDocker();

/** A facilitated run with no faults of its own, so the only alert its journal can get is the real one. */
const WATCH = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: watch-alerts, title: Watch the alerts, lab: alerting, duration: 10m }
briefing: The facilitator watches the alerts arrive.
steadyState:
  probes: [{ name: alertmanager runs, type: container, target: { service: alertmanager }, state: running }]
verify: [{ name: alertmanager runs, type: container, target: { service: alertmanager }, state: running }]
`;
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
    const { core, home, cleanup } = testCore(endpoint, { receiveAlerts: true });
    cleanups.push(cleanup);
    mkdirSync(join(home, 'scenarios'), { recursive: true });
    writeFileSync(join(home, 'scenarios', 'watch-alerts.yaml'), WATCH);
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

      // a game day in progress on the lab: the alert must land in its journal too, through the same path
      const { id: runId } = await core.handlers['runs.start']({ scenario: 'watch-alerts', labId, mode: 'facilitated' });
      await waitFor('the run running', 60_000, () => (core.scenarios.live.view(runId, 'facilitator').run.state === 'running' ? true : undefined));

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
      const journalAlerts = async () => (await core.handlers['runs.events']({ runId })).filter((e) => e.type === 'alert');
      const deadline = Date.now() + 10_000;
      while (!(await journalAlerts()).some((e) => JSON.stringify(e.data).includes('NodeDown')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect((await journalAlerts()).map((e) => JSON.stringify(e.data)).join('\n')).toContain('NodeDown');
      await core.handlers['runs.act']({ runId, action: { type: 'abort', reason: 'end of the test' } });

      await core.handlers['labs.serviceAction']({ labId, container: `${labId}-node-exporter-1-1`, action: 'start' });
      await waitFor('NodeDown resolved', 60_000, () => events().find((e) => e.kind === 'alert.resolved' && e.data.alertname === 'NodeDown'));
      const timeline = (await core.handlers['labs.events']({ labId })).map((e) => `${e.kind} ${e.title}`);
      process.stderr.write(`webhook: timeline\n  ${timeline.join('\n  ')}\n`);
      // the stop, then NodeDown (Watchdog and the run's own checks may come first: the run was started before the stop)
      const stoppedRow = timeline.indexOf(`service.stopped ${labId}-node-exporter-1-1 stopped`);
      expect(stoppedRow).toBeGreaterThanOrEqual(0);
      expect(timeline.findIndex((t) => t.startsWith('alert.firing NodeDown'))).toBeGreaterThan(stoppedRow);
      // Alertmanager repeats the group (group_interval, repeat_interval); the timeline keeps each change once.
      expect(timeline.filter((t) => t.startsWith('alert.firing NodeDown'))).toHaveLength(1);
    } finally {
      await core.labs.down(labId);
    }
  }, 180_000);
});
