import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TemplateSummary } from '../../../main/api/schemas/labs';
import type { TrackedJob } from '../state/jobs-store';
import { TemplateCard, templateRef } from './template-card';

const t = { name: 'redis-streams', file: '/labs/redis-streams/compose.yaml', source: 'built-in', kind: 'compose', title: 'Redis Streams', description: 'a producer and two workers', tags: [], services: ['redis'], containers: 6 } as unknown as TemplateSummary;
const job: TrackedJob = {
  summary: { jobId: 'j1', kind: 'lab.up', state: 'running', startedAt: '2026-12-02T14:00:00Z' } as TrackedJob['summary'],
  label: 'Starting redis-streams',
  origin: 'redis-streams',
  steps: [{ jobId: 'j1', at: '2026-12-02T14:00:01Z', step: 'health', message: 'waiting for every service', fraction: 0.5 } as TrackedJob['steps'][number]],
};

describe('a template card', () => {
  it('draws the progress of the start it launched inside itself, after its Start button (where the user is looking)', () => {
    const html = renderToStaticMarkup(<TemplateCard t={t} busy onStart={() => {}} jobs={[job]} />);
    expect(html.indexOf('<article')).toBe(0);
    const inCard = html.slice(0, html.lastIndexOf('</article>'));
    expect(inCard.indexOf('aria-label="Start redis-streams"')).toBeLessThan(inCard.indexOf('aria-label="Starting redis-streams"'));
    expect(inCard).toContain('<h4>Starting redis-streams</h4>');
    expect(inCard).toContain('health: waiting for every service');
    expect(inCard).toMatch(/<progress[^>]*value="0.5"/);
  });
  it('shows no progress without a job of its own', () => {
    expect(renderToStaticMarkup(<TemplateCard t={t} busy={false} onStart={() => {}} />)).not.toContain('job-panel');
  });
  it('matches a job to a card by what its Start starts: the name of a catalog template, the path of a file', () => {
    expect(templateRef(t)).toBe('redis-streams');
    expect(templateRef({ ...t, source: 'file' } as TemplateSummary)).toBe('/labs/redis-streams/compose.yaml');
  });
});
