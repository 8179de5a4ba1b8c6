import { parseDocument, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { LabdeckError } from '../../../api/errors';

export const LABDECK_RECEIVER = 'labdeck-webhook';

/**
 * Adds Labdeck's webhook receiver to an Alertmanager config without changing where the lab's own
 * routes send alerts: a first child route `{receiver: labdeck-webhook, continue: true}` sees every
 * alert, and a last child route to the root receiver stands in for the root's default (Alertmanager
 * uses the parent only when no child matched, and the first child always matches). Comments stay.
 */
export function withLabdeckReceiver(configYaml: string, url: string, file = 'alertmanager.yml'): string {
  const doc = parseDocument(configYaml);
  if (doc.errors.length) throw new LabdeckError('TEMPLATE_INVALID', `${file}: ${doc.errors[0].message}`);
  const root = doc.contents as YAMLMap<unknown, unknown> | null;
  if (!isMap(root)) throw new LabdeckError('TEMPLATE_INVALID', `${file}: an Alertmanager config is a mapping`);
  const route = root.get('route') as YAMLMap<unknown, unknown> | undefined;
  if (!isMap(route) || typeof route.get('receiver') !== 'string') {
    throw new LabdeckError('TEMPLATE_INVALID', `${file}: route.receiver is missing`, { hint: 'Alertmanager needs a root route with a receiver.' });
  }
  let receivers = root.get('receivers') as YAMLSeq | undefined;
  if (!isSeq(receivers)) {
    receivers = new YAMLSeq();
    root.set('receivers', receivers);
  }
  const seq = receivers;
  if (seq.items.some((r) => isMap(r) && r.get('name') === LABDECK_RECEIVER)) {
    throw new LabdeckError('TEMPLATE_INVALID', `${file}: a receiver is already named ${LABDECK_RECEIVER}`, { hint: 'That name is Labdeck’s; rename yours.' });
  }
  seq.add(doc.createNode({ name: LABDECK_RECEIVER, webhook_configs: [{ url, send_resolved: true, max_alerts: 0 }] }));

  const children = route.get('routes');
  const routes = isSeq(children) ? children : new YAMLSeq();
  routes.items.unshift(doc.createNode({ receiver: LABDECK_RECEIVER, continue: true }));
  routes.items.push(doc.createNode({ receiver: route.get('receiver') }));
  route.set('routes', routes);
  return doc.toString();
}
