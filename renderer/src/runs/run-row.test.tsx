import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunRow } from './run-row';

const run = { id: '20261202141500-a1b2c3', scenario: 'redis-worker-crash', title: 'A worker died between XREADGROUP and XACK', labId: 'redis-streams-gameday', mode: 'training', state: 'passed' as const, startedAt: '2026-12-02T14:15:00Z', score: 90, durationMs: 600_000 };

describe('History: the runs table', () => {
  it("names each run's link by its scenario title as shown (no aria-label hiding it); the run id describes the link", () => {
    const html = renderToStaticMarkup(<table><tbody><RunRow r={run} picked={false} onPick={() => {}} /></tbody></table>);
    const link = /<a href="#\/history\/20261202141500-a1b2c3"([^>]*)>([^<]*)<\/a>/.exec(html);
    expect(link?.[2]).toBe('A worker died between XREADGROUP and XACK');
    expect(link?.[1]).not.toContain('aria-label');
    expect(link?.[1]).toContain('aria-describedby="run-id-20261202141500-a1b2c3"');
    expect(html).toMatch(/id="run-id-20261202141500-a1b2c3">20261202141500-a1b2c3</);
  });
  it('falls back to the scenario name for a run without a recorded title', () => {
    const html = renderToStaticMarkup(<table><tbody><RunRow r={{ ...run, title: undefined }} picked={false} onPick={() => {}} /></tbody></table>);
    expect(html).toMatch(/<a href="#\/history\/[^"]+"[^>]*>redis-worker-crash<\/a>/);
  });
});
