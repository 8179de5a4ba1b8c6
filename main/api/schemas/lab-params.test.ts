import { describe, expect, it } from 'vitest';
import { PlanParams, UpParams } from './labs';

describe('labs.plan / labs.up env files and profiles', () => {
  it('accepts env files beside the template and profile names', () => {
    expect(PlanParams.parse({ template: 'x', envFiles: ['.env.staging', 'env/dev.env'], profiles: ['debug'] }).envFiles).toEqual(['.env.staging', 'env/dev.env']);
    expect(UpParams.safeParse({ template: 'x', envFiles: ['.env'] }).success).toBe(true);
  });

  it.each(['/etc/passwd', '../secrets.env', 'a/../../b.env', '~/.env', 'C:\\x.env', '\\\\host\\share\\x.env', 'a\\..\\b', '', 'x\0y'])('refuses the env file %j from a console', (name) => {
    expect(PlanParams.safeParse({ template: 'x', envFiles: [name] }).success).toBe(false);
  });

  it('refuses odd profile names and too many files', () => {
    expect(PlanParams.safeParse({ template: 'x', profiles: ['--all'] }).success).toBe(false);
    expect(PlanParams.safeParse({ template: 'x', envFiles: Array.from({ length: 9 }, (_, i) => `${i}.env`) }).success).toBe(false);
  });
});
