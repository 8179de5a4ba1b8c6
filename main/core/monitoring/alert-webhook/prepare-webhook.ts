import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import type { LabPlan } from '../../labs/lab-plan';
import type { LabTemplate } from '../../labs/template-model';
import { addWebhook, webhookNetwork, webhookTargets, type LabWebhook } from './webhook-plan';

/** A TCP port free on this host now (the kernel's pick for 127.0.0.1, which also fails when a wildcard bind holds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Once the lab's networks exist: picks the receiver's address (the Alertmanager network's gateway,
 * which is the host as the lab's containers see it, a free port, a new secret) and points the
 * planned Alertmanagers at it. Undefined when the lab has no Alertmanager to hear from.
 */
export async function prepareWebhook(docker: Docker, plan: LabPlan, t: LabTemplate): Promise<LabWebhook | undefined> {
  const targets = webhookTargets(plan, t);
  const network = webhookNetwork(targets);
  if (!network) return undefined;
  const info = (await docker.getNetwork(network).inspect()) as { IPAM?: { Config?: { Gateway?: string }[] } };
  const gateway = info.IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
  if (!gateway) {
    throw new LabdeckError('INTERNAL', `network ${network} has no gateway address, so the lab's Alertmanager cannot reach Labdeck`, {
      hint: 'Set `x-labdeck.alertmanager.webhook: false` to run the lab without Labdeck receiving its alerts.',
    });
  }
  const webhook = { gateway: gateway.split('/')[0], port: await freePort(), token: randomBytes(24).toString('base64url') };
  addWebhook(plan.labId, targets, webhook);
  return webhook;
}
