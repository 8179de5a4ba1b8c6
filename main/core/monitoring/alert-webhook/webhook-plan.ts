import { LabdeckError } from '../../../api/errors';
import type { LabPlan, PlannedContainer } from '../../labs/lab-plan';
import type { LabTemplate } from '../../labs/template-model';
import { withLabdeckReceiver } from './alertmanager-patch';

/** Where a lab's Alertmanager reaches Labdeck: the lab network's gateway (the host), a port, and the lab's secret. */
export interface LabWebhook {
  gateway: string;
  port: number;
  token: string;
}

export const WEBHOOK_HOST = 'host.docker.internal';

export const webhookPath = (labId: string, token: string): string => `/alertmanager/${labId}/${token}`;
export const webhookUrl = (labId: string, w: LabWebhook): string => `http://${WEBHOOK_HOST}:${w.port}${webhookPath(labId, w.token)}`;

/** The config file Alertmanager reads: its `--config.file` flag, else the image's default. */
export function alertmanagerConfigPath(c: PlannedContainer): string {
  const argv = [...((c.create.Entrypoint as string[] | undefined) ?? []), ...((c.create.Cmd as string[] | undefined) ?? [])];
  for (const [i, a] of argv.entries()) {
    if (a.startsWith('--config.file=')) return a.slice('--config.file='.length);
    if (a === '--config.file' && argv[i + 1]) return argv[i + 1];
  }
  return '/etc/alertmanager/alertmanager.yml';
}

/** The Alertmanager containers that should notify Labdeck; empty when the template has none or says `webhook: false`. */
export function webhookTargets(plan: LabPlan, t: LabTemplate): PlannedContainer[] {
  const am = t.meta.alertmanager;
  if (!am?.webhook) return [];
  return plan.containers.filter((c) => c.service === am.service);
}

/** The network whose gateway the webhook listens on: the Alertmanager's first one. */
export const webhookNetwork = (targets: PlannedContainer[]): string | undefined => targets[0]?.create.HostConfig?.NetworkMode;

/** Points each Alertmanager at Labdeck: its config gets Labdeck's receiver, and `host.docker.internal` resolves to the gateway. */
export function addWebhook(labId: string, targets: PlannedContainer[], w: LabWebhook): void {
  for (const c of targets) {
    const path = alertmanagerConfigPath(c);
    const file = c.files.find((f) => f.path === path);
    if (!file) {
      throw new LabdeckError('TEMPLATE_INVALID', `Labdeck cannot add its alert webhook to ${c.service}: its config ${path} is not delivered with configs:`, {
        hint: 'Deliver the Alertmanager config with a `configs:` entry, or set `x-labdeck.alertmanager.webhook: false`.',
      });
    }
    file.content = withLabdeckReceiver(file.content, webhookUrl(labId, w), path);
    const hostConfig = (c.create.HostConfig ??= {});
    hostConfig.ExtraHosts = [...(hostConfig.ExtraHosts ?? []).filter((h: string) => !h.startsWith(`${WEBHOOK_HOST}:`)), `${WEBHOOK_HOST}:${w.gateway}`];
  }
}
