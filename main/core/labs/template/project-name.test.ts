import { describe, expect, it } from 'vitest';
import { toLabId } from '../lab-labels';
import { parseTemplate } from './parse-template';
import type { TemplateIssue } from '../template-model';

const SVC = 'services:\n  a: { image: redis:7.2 }\n';

function parse(text: string, files: Record<string, string> = {}, processEnv: Record<string, string> = {}) {
  return parseTemplate(text, '/labs/My Folder/compose.yaml', (n) => {
    if (n in files) return files[n];
    throw Object.assign(new Error(n), { code: 'ENOENT' });
  }, { processEnv });
}

function issues(text: string): TemplateIssue[] {
  try {
    parse(text);
  } catch (e) {
    return (e as { issues: TemplateIssue[] }).issues;
  }
  throw new Error('loaded');
}

describe('top-level name', () => {
  it('names the project (the lab id by default), interpolated like any value, else the folder name', () => {
    expect(parse(`name: shop_2-dev\n${SVC}`).name).toBe('shop_2-dev');
    expect(parse(`name: \${STACK:-shop}\n${SVC}`, {}, { STACK: 'cart' }).name).toBe('cart');
    expect(parse(SVC).name).toBe('myfolder');
    expect(toLabId(parse(`name: shop\n${SVC}`).name)).toBe('shop');
  });

  it("an included file's name does not rename the project", () => {
    expect(parse(`include: [db.yaml]\n${SVC}`, { 'db.yaml': 'name: other\nservices:\n  db: { image: redis:7.2 }\n' }).name).toBe('myfolder');
  });

  it('refuses what Compose refuses (uppercase, dots, a leading dash) with a corrected name, and names over 63 characters', () => {
    const bad = issues(`name: My.Shop\n${SVC}`);
    expect(bad.map((i) => [i.line, i.path, i.hint])).toEqual([[1, 'name', 'Write it as Compose accepts it, e.g. name: myshop']]);
    expect(issues(`name: -x\n${SVC}`)[0].message).toMatch(/must be lowercase letters, digits/);
    expect(issues(`name: ${'a'.repeat(64)}\n${SVC}`)[0].message).toBe("project name is 64 characters; Labdeck's lab names are at most 63");
  });
});
