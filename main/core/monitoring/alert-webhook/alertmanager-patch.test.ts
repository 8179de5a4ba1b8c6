import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LABDECK_RECEIVER, withLabdeckReceiver } from './alertmanager-patch';

const URL = 'http://host.docker.internal:41234/alertmanager/lab/tok';

describe('withLabdeckReceiver', () => {
  it('adds the receiver, a first continue route and a last route to the root receiver, keeping comments', () => {
    const before = `# mine\nroute:\n  receiver: team\n  group_wait: 1s\n  routes:\n    - receiver: pager\n      matchers: [severity="critical"]\nreceivers:\n  - name: team\n  - name: pager\n`;
    const after = withLabdeckReceiver(before, URL);
    expect(after).toContain('# mine');
    const c = parse(after) as { route: { receiver: string; routes: { receiver: string; continue?: boolean }[] }; receivers: { name: string; webhook_configs?: { url: string; send_resolved: boolean }[] }[] };
    expect(c.route.receiver).toBe('team');
    expect(c.route.routes.map((r) => r.receiver)).toEqual([LABDECK_RECEIVER, 'pager', 'team']);
    expect(c.route.routes[0].continue).toBe(true);
    expect(c.receivers.map((r) => r.name)).toEqual(['team', 'pager', LABDECK_RECEIVER]);
    expect(c.receivers[2].webhook_configs?.[0]).toMatchObject({ url: URL, send_resolved: true });
  });

  it('creates routes when there were none', () => {
    const c = parse(withLabdeckReceiver('route: { receiver: a }\nreceivers: [{ name: a }]\n', URL)) as { route: { routes: { receiver: string }[] } };
    expect(c.route.routes.map((r) => r.receiver)).toEqual([LABDECK_RECEIVER, 'a']);
  });

  it('refuses a config without a root receiver, or one that already uses the name', () => {
    expect(() => withLabdeckReceiver('receivers: []\n', URL, 'am.yml')).toThrow(/am.yml: route.receiver is missing/);
    expect(() => withLabdeckReceiver(`route: { receiver: a }\nreceivers: [{ name: ${LABDECK_RECEIVER} }]\n`, URL)).toThrow(/already named/);
  });
});
