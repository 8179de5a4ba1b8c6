import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario-loader';

const VALID = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: demo, title: Demo, lab: redis-streams, duration: 10m }
briefing: Something is wrong.
steadyState:
  probes:
    - { name: redis up, type: promql, expr: 'up{service="redis"}', comparator: '==', threshold: 1 }
faults:
  - { id: crash, at: 5s, target: { service: worker, replica: 1 }, action: app, params: { crashBetweenReadAndAck: true } }
tasks:
  - id: reclaim
    prompt: Reclaim the pending entries.
    check: { name: nothing pending, type: exec, target: { service: redis }, argv: [redis-cli, XPENDING, orders, workers], stdoutRegex: '^0' }
    solution: XAUTOCLAIM
verify:
  - { name: ledger, type: ledger, target: { service: worker } }
solve:
  - { revert: crash }
  - { check: reclaim }
`;

describe('parseScenario', () => {
  it('reads a valid scenario with its defaults', () => {
    const s = parseScenario(VALID, 'demo.yaml', 'demo');
    expect(s.metadata.difficulty).toBe('intermediate');
    expect(s.faults[0]).toMatchObject({ id: 'crash', manual: false, params: { crashBetweenReadAndAck: true } });
    expect(s.tasks[0].hints).toEqual([]);
    expect(s.verify[0]).toMatchObject({ type: 'ledger', port: 9464, maxLost: 0 });
    expect(s.scoring).toEqual({ resilience: 0.5, response: 0.5 });
  });

  it('names each problem at its line and column, with the path', () => {
    const bad = VALID.replace("comparator: '=='", "comparator: '=~'")
      .replace('at: 5s, target', 'at: 5 seconds, after: reclaim, target')
      .replace('  - { revert: crash }', '  - { revert: crahs }')
      .replace("stdoutRegex: '^0'", "stdoutRegex: '(' ")
      .replace('solution: XAUTOCLAIM', 'solution: XAUTOCLAIM\n    colour: red');
    let message = '';
    try {
      parseScenario(bad, '/x/demo.yaml');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/demo\.yaml:7:\d+: steadyState\.probes\[0\]\.comparator: expected one of <, <=, ==, !=, >=, >; got "=~"/);
    expect(message).toMatch(/demo\.yaml:9:\d+: faults\[0\]\.at: a duration like/);
    expect(message).toMatch(/demo\.yaml:15:5: tasks\[0\]\.colour: unknown key `colour`/);
  });

  it('gives scenario problems their own code and a hint about scenarios, syntax errors too', () => {
    for (const text of [VALID.replace('kind: Scenario', 'kind: Scenari'), VALID.replace('briefing: Something is wrong.', 'briefing: [unclosed')]) {
      let err: unknown;
      try {
        parseScenario(text, '/x/demo.yaml');
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringMatching(/^\/x\/demo\.yaml: 1 problem\n\/x\/demo\.yaml:\d+:\d+: /) });
      expect((err as { hint: string }).hint).toMatch(/labdeck scenarios --check \/x\/demo\.yaml/);
      expect((err as { hint: string }).hint).not.toMatch(/template/);
    }
  });

  it('checks references, triggers and regexes once the shape is right', () => {
    const bad = VALID.replace('at: 5s, target', 'at: 5s, after: reclaim, target').replace('  - { revert: crash }', '  - { revert: crahs }').replace("stdoutRegex: '^0'", "stdoutRegex: '('");
    expect(() => parseScenario(bad, '/x/demo.yaml')).toThrow(/faults\[0\]: a fault needs exactly one of/);
    expect(() => parseScenario(bad, '/x/demo.yaml')).toThrow(/solve\[0\]\.revert: no fault has the id "crahs"/);
    expect(() => parseScenario(bad, '/x/demo.yaml')).toThrow(/tasks\[0\]\.check\.stdoutRegex: not a regular expression/);
    expect(() => parseScenario(VALID, '/x/other.yaml', 'other')).toThrow(/must be named "other"/);
  });

  it('refuses at load time a probe pattern RE2 cannot run (backreference, lookaround), naming it', () => {
    for (const [pattern, shown] of [['(\\d)\\1', '(\\d)\\1'], ['^(?!0)', '^(?!0)']]) {
      const bad = VALID.replace("stdoutRegex: '^0'", `stdoutRegex: '${pattern}'`);
      expect(() => parseScenario(bad, '/x/demo.yaml')).toThrow(`demo.yaml:13:`);
      expect(() => parseScenario(bad, '/x/demo.yaml')).toThrow(`tasks[0].check.stdoutRegex: not a regular expression probes can run: /${shown}/`);
    }
  });
});
