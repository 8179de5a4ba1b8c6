import { describe, expect, it } from 'vitest';
import { templatesWithoutPaths } from './template-paths';
import type { TemplateSummary } from '../api/schemas/labs';

const t = (o: Partial<TemplateSummary>): TemplateSummary => ({ name: 'web', file: '/home/ann/labs/web/compose.yaml', source: 'user', title: 'Web', description: '', tags: [], services: [], containers: 1, ...o });

describe('templatesWithoutPaths', () => {
  it("keeps no folder of the owner's machine: names for files, path-opened templates left out, errors cut", () => {
    const seen = templatesWithoutPaths([
      t({}),
      t({ name: 'mine', source: 'file', file: '/home/ann/secret-project/compose.yaml' }),
      t({ name: 'broken', file: '/home/ann/labs/broken/compose.yaml', error: '/home/ann/labs/broken/compose.yaml:3:1: services.x: bad; see /opt/company/shared/base.yaml' }),
    ]);
    expect(seen.map((s) => s.name)).toEqual(['web', 'broken']);
    expect(seen[0].file).toBe('web');
    expect(seen[1].error).toBe('compose.yaml:3:1: services.x: bad; see …/base.yaml');
    expect(JSON.stringify(seen)).not.toMatch(/home|ann|opt|company/);
  });
});
