import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPromtool } from '../../testing/requirements';
import { RESOURCES } from '../../testing/test-core';
import { loadTemplate } from '../labs/template/load-template';

const labs = readdirSync(join(RESOURCES, 'labs')).sort();

describe.skipIf(!hasPromtool())('built-in labs\' Prometheus rule files', () => {
  it.each(labs)('%s: every rule file passes promtool check rules', async (lab) => {
    const t = await loadTemplate(join(RESOURCES, 'labs', lab));
    expect(t.meta.rules.length).toBeGreaterThan(0);
    for (const rule of t.meta.rules) {
      const out = execFileSync('promtool', ['check', 'rules', join(RESOURCES, 'labs', lab, rule.name)], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS: \d+ rules found/);
    }
  });
});
