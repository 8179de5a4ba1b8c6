import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TemplateSummary } from '../../../main/api/schemas/labs';
import { parseStartOptions } from '../state/start-options';
import { TemplateCard } from './template-card';

const compose = { name: 'shop', title: 'Shop', description: '', file: '/labs/shop/compose.yaml', kind: 'compose', source: 'file', containers: 2, tags: [] } as unknown as TemplateSummary;

describe("the start dialog's env files and profiles", () => {
  it('are parsed by the API schema: names beside the template, split on commas or spaces', () => {
    expect(parseStartOptions('.env.staging, env/dev.env', 'debug tools')).toEqual({ envFiles: ['.env.staging', 'env/dev.env'], profiles: ['debug', 'tools'] });
    expect(parseStartOptions('', '')).toEqual({});
  });

  it('refuses what the API would refuse, saying which field', () => {
    expect(parseStartOptions('/etc/passwd', '')).toEqual({ error: 'Env files: an env file beside the template, e.g. .env.staging (no absolute path, no ..)' });
    expect(parseStartOptions('../up.env', '')).toMatchObject({ error: expect.stringMatching(/^Env files: /) });
    expect(parseStartOptions('', '--all')).toEqual({ error: 'Profiles: a profile name: letters, digits, _ . -' });
  });

  it('a Compose template card has the two fields; a cluster card has none', () => {
    const html = renderToStaticMarkup(<TemplateCard t={compose} busy={false} onStart={() => undefined} />);
    expect(html).toContain('<summary>Env files and profiles</summary>');
    expect(html).toContain('Env files beside the template (instead of .env; a later one wins)');
    expect(renderToStaticMarkup(<TemplateCard t={{ ...compose, kind: 'cluster' } as TemplateSummary} busy={false} onStart={() => undefined} />)).not.toContain('Env files');
  });
});
