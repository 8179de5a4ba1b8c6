import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario-loader';

const scenario = (template: string): string => `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: demo, title: Demo, lab: loose-web, duration: 10m }
briefing: Harden it.
steadyState:
  probes: [ { name: up, type: promql, expr: 'up', comparator: '==', threshold: 1 } ]
tasks:
  - id: t
    prompt: Do it.
    check: { name: c, type: exec, target: { service: web }, argv: [ 'true' ] }
    solution: Relaunch it hardened.
verify: [ { name: up, type: promql, expr: 'up', comparator: '==', threshold: 1 } ]
solve:
  - { relaunch: { template: '${template}' } }
`;

describe('the relaunch solve step (a Compose file of the lab, nothing else)', () => {
  it('takes a Compose file in a lab folder', () => {
    expect(parseScenario(scenario('loose-web/compose.hardened.yaml'), 'demo.yaml').solve[0]).toEqual({ relaunch: { template: 'loose-web/compose.hardened.yaml' } });
  });

  it.each(['../compose.yaml', 'loose-web/../../etc/compose.yaml', '/etc/compose.yaml', 'loose-web/compose.sh', '..', 'loose-web\\..\\x.yaml', '~/compose.yaml', 'loose-web/sub/compose.yaml'])(
    'refuses %s at load, naming the step',
    (template) => {
      expect(() => parseScenario(scenario(template), 'demo.yaml')).toThrow(/demo\.yaml:14:29: solve\[0\]\.relaunch\.template: a lab and a Compose file in its folder/);
    },
  );
});
