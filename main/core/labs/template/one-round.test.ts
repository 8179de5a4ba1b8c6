import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TemplateInvalidError } from './load-template';

const FILE = join(__dirname, '..', 'fixtures', 'many-problems', 'compose.yaml');

describe('every problem in one round', () => {
  it('reports schema, semantic, interpolation and unsupported-key problems together, each located and with a hint', async () => {
    const err = (await loadTemplate(FILE).catch((e: unknown) => e)) as TemplateInvalidError;
    expect(err).toBeInstanceOf(TemplateInvalidError);
    const seen = err.issues.map((i) => `${i.line}:${i.col} ${i.path}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        '6:13 services.web.ports[0]', // schema: a port number
        '7:18 services.web.depends_on[0]', // semantic: no such service
        '8:16 services.web.networks[0]', // semantic: undeclared network
        '10:14 services.web.environment.TOKEN', // interpolation: required variable
        '11:5 services.web.runtime', // unsupported key
        '14:14 services.worker.restart', // semantic: bad policy
        '15:5 services.worker.colour', // schema: unknown key
      ]),
    );
    expect(new Set(seen).size).toBe(seen.length);
    const value = err.toValue();
    expect(value.code).toBe('TEMPLATE_INVALID');
    expect(value.problems).toHaveLength(err.issues.length);
    for (const p of value.problems ?? []) {
      expect(p.file).toBe(FILE);
      expect(p.hint.length, `${p.path}: ${p.message}`).toBeGreaterThan(15);
    }
    const unknown = value.problems?.find((p) => p.path === 'services.worker.colour');
    expect(unknown?.hint).toMatch(/Remove `colour`/);
    const unsupported = value.problems?.find((p) => p.path === 'services.web.runtime');
    expect(unsupported?.hint).toMatch(/docs\/compose\.md/);
  });

  it('a YAML syntax error stops parsing at once, with its position and a hint', async () => {
    const { parseTemplate } = await import('./parse-template');
    const err = (() => {
      try {
        parseTemplate('services:\n  a:\n    image: "redis\n', '/labs/x/compose.yaml', () => '');
      } catch (e) {
        return e as TemplateInvalidError;
      }
    })();
    expect(err?.toValue().problems?.[0]).toEqual(expect.objectContaining({ line: expect.any(Number), hint: expect.stringMatching(/YAML/) }));
  });
});
