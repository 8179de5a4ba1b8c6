import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigPath } from '../../main/core/cluster/cluster-paths';
import { FakeKubeApi } from '../../main/testing/fake-kube/fake-kube-api';
import { makeFakeKubeCerts } from '../../main/testing/fake-kube/fake-kube-certs';
import { docker, labResources } from '../../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../../main/testing/requirements';
import { useConsole } from '../launch-console';
import { TerminalsPageObject } from '../pages/terminals-page';

/**
 * A cluster lab's pods in the browser console, through the user's eyes — against a FAKE Kubernetes
 * API (main/testing/fake-kube/, built from the Kubernetes documentation; no k3s runs here) and
 * one labelled container standing in for the k3d server node so the lab page knows a cluster lab.
 * The console, its WebSockets, core, KubeClient and client-node are the real ones.
 */
const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-pods-${process.pid}`;
const TAB = `web-1 · ${LAB}`;

describe.skipIf(!ready)('pods of a cluster lab in the browser console (fake Kubernetes API)', () => {
  const { served, browser } = useConsole();
  const api = new FakeKubeApi(
    [
      { namespace: 'shop', name: 'web-1', containers: ['web'], logs: { web: [{ time: '2025-03-01T10:00:01.000000000Z', text: 'web is listening on 8080' }] } },
      { namespace: 'kube-system', name: 'coredns-1', containers: ['coredns'], phase: 'Pending' },
    ],
    'e2e-token',
    undefined,
    ready ? makeFakeKubeCerts() : undefined,
  );
  let page: Page;
  let terms: TerminalsPageObject;

  beforeAll(async () => {
    const server = await api.listen();
    mkdirSync(join(served().home, 'cluster-state', LAB), { recursive: true });
    writeFileSync(kubeconfigPath(served().home, LAB), api.kubeconfig(server));
    const labels = { 'io.labdeck.lab': LAB, 'com.docker.compose.project': LAB, 'io.labdeck.service': 'server', 'io.labdeck.role': 'k3s-server', 'io.labdeck.kind': 'cluster', 'com.docker.compose.container-number': '1', 'io.labdeck.template': '/templates/k3s-single/cluster.yaml' };
    docker('run', '-d', '--name', `k3d-${LAB}-server-0`, ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), 'lab/toolbox:1', 'sleep', '600');
    page = await browser().newPage({ viewport: { width: 1300, height: 900 } });
    terms = new TerminalsPageObject(page);
    await page.goto(served().url);
  }, 120_000);
  afterAll(async () => {
    await page?.close();
    docker('rm', '-f', `k3d-${LAB}-server-0`);
    await api.close();
    expect(labResources(LAB).containers).toEqual([]);
  }, 60_000);

  it("lists the lab's pods; Open shell runs a shell in the pod with its exit code; Logs follows the pod's log", async () => {
    await page.goto(`${served().url.split('?')[0]}#/labs/${LAB}`);
    const pods = page.getByRole('table', { name: 'Pods' });
    await expect.poll(() => pods.getByRole('row').count(), { timeout: 20_000 }).toBe(3);
    expect(await pods.getByRole('row').nth(1).textContent()).toContain('web-1');
    await expect.poll(() => page.getByRole('button', { name: 'Open shell in kube-system/coredns-1' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Open shell in shop/web-1' }).click();
    await terms.tab(TAB).waitFor();
    await expect.poll(() => terms.status(TAB).textContent(), { timeout: 15_000 }).toBe('Connected');
    await terms.type(TAB, 'echo "pod-$((6*7)) $TERM"');
    await expect.poll(() => terms.screen(TAB)).toMatch(/^pod-42 xterm-256color$/m);
    await terms.type(TAB, 'stty size');
    await expect.poll(() => terms.screen(TAB)).toMatch(/^\d+ \d+$/m);
    const [rows, cols] = /^(\d+) (\d+)$/m.exec(await terms.screen(TAB))!.slice(1).map(Number);
    expect(api.execs.at(-1)!.sizes.at(-1)).toEqual({ width: cols, height: rows });
    await terms.type(TAB, 'exit 3');
    await expect.poll(() => terms.status(TAB).textContent(), { timeout: 15_000 }).toBe('Exited with code 3');

    await page.goto(`${served().url.split('?')[0]}#/labs/${LAB}`);
    await page.getByRole('button', { name: 'Logs of shop/web-1' }).click();
    const log = page.getByRole('log', { name: 'Logs of pod shop/web-1 lines' });
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain('web is listening on 8080');
    await expect.poll(() => api.following).toBe(1);
    api.appendLog('shop', 'web-1', 'web', 'GET /healthz 200');
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('GET /healthz 200');
    await page.getByRole('button', { name: 'Close logs' }).click();
    await expect.poll(() => api.following, { timeout: 10_000 }).toBe(0);
    expect(new Set(api.authenticatedBy)).toEqual(new Set(['certificate']));
  }, 180_000);
});
