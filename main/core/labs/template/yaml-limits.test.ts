import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/scenario-loader';
import { loadTemplate } from './load-template';
import { TemplateInvalidError } from './template-issues';
import { readYamlDocument } from './yaml-document';
import { MAX_YAML_BYTES } from './yaml-limits';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-yaml-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(text: string): TemplateInvalidError {
  try {
    readYamlDocument(text, '/x/f.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateInvalidError);
    return err as TemplateInvalidError;
  }
  throw new Error('the document was accepted');
}

/** The classic "billion laughs": nine levels of ten aliases each, 10^9 values from a dozen lines. */
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i];
    return `${c}: &${c} [${Array(10).fill(`*${prev}`).join(',')}]`;
  }))
  .join('\n');

describe('YAML limits', () => {
  it('reports an alias bomb at the alias where the expansion crosses the limit, not at 1:1', () => {
    const err = refusal(BOMB);
    expect(err.issues).toHaveLength(1);
    // The aliases in b…d expand to 12,330 values; each of e's aliases of d adds 11,111, crossing 100,000 at its 8th.
    expect(err.issues[0]).toMatchObject({ line: 5, path: 'e[7]' });
    expect(err.issues[0].col).toBe(BOMB.split('\n')[4].indexOf('*d') + 1 + 7 * 3);
    expect(err.message).toMatch(/f\.yaml:5:\d+: e\[7\]: YAML: aliases expand to more than 100000 values/);
  });

  it('limits the number of aliases', () => {
    const text = ['base: &b 1', ...Array.from({ length: 101 }, (_, i) => `k${i}: *b`)].join('\n');
    const err = refusal(text);
    expect(err.issues[0]).toMatchObject({ line: 102, col: 7, path: 'k100' });
    expect(err.message).toMatch(/more than 100 aliases/);
    expect(() => readYamlDocument(text.split('\n').slice(0, 101).join('\n'), '/x/f.yaml')).not.toThrow();
  });

  it('refuses an alias inside its own anchor', () => {
    const err = refusal('top: &t\n  child: *t\n');
    expect(err.issues[0]).toMatchObject({ line: 2, col: 10, path: 'top.child' });
    expect(err.message).toMatch(/refers to its own anchor/);
  });

  it('refuses scenario and template files over 1 MiB before parsing, saying the limit', async () => {
    const big = `# ${'x'.repeat(MAX_YAML_BYTES)}\n`;
    expect(() => readYamlDocument(big, '/x/f.yaml')).toThrow(/f\.yaml:1:1: the file is 1\.0 MiB; Labdeck reads template, scenario and dashboard files of at most 1\.0 MiB/);
    writeFileSync(join(dir, 'big.yaml'), `${'#'.repeat(5 * 1024 * 1024)}\n`);
    await expect(loadScenario(join(dir, 'big.yaml'))).rejects.toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringMatching(/big\.yaml:1:1: the scenario is 5\.0 MiB; .* at most 1\.0 MiB/) });
    writeFileSync(join(dir, 'compose.yaml'), `${'#'.repeat(2 * 1024 * 1024)}\nservices: {}\n`);
    await expect(loadTemplate(join(dir, 'compose.yaml'))).rejects.toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringMatching(/the template is 2\.0 MiB/) });
  });

  it('gives a scenario alias bomb the scenario code, located', async () => {
    writeFileSync(join(dir, 'bomb.yaml'), `apiVersion: labdeck.dev/v1\n${BOMB}\n`);
    await expect(loadScenario(join(dir, 'bomb.yaml'))).rejects.toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringMatching(/bomb\.yaml:6:\d+: e\[7\]: YAML: aliases expand/) });
  });
});
