import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempJournal } from '../../../testing/temp-journal';
import type { RunJournal } from '../run-journal';
import { runReportHtml } from './run-report-html';
import { runReportMarkdown } from './run-report-md';

describe('run reports', () => {
  let j: RunJournal;
  let cleanup: () => void;
  beforeEach(() => {
    ({ journal: j, cleanup } = tempJournal(() => new Date('2026-11-22T04:00:00Z')));
    j.create({ id: 'r1', scenario: 'demo', labId: 'lab1', mode: 'headless' });
    j.setState('r1', 'baseline');
    j.append('r1', 'probe', { phase: 'steady-state-before', name: 'up', ok: true, message: 'up = 1 == 1', attempts: 1, ms: 20 });
    j.setState('r1', 'running');
    j.append('r1', 'fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker' }, description: 'worker <1> stops' });
    j.append('r1', 'probe', { phase: 'task:fix', name: 'pending | zero', ok: false, message: 'printed "3"', attempts: 4, ms: 3000 });
    j.append('r1', 'task.failed', { task: 'fix', message: 'printed "3"' });
    j.setState('r1', 'verifying');
    j.append('r1', 'probe', { phase: 'steady-state-after', name: 'up', ok: false, message: 'up = 0', attempts: 1, ms: 20 });
    j.append('r1', 'score', { total: 25, explanation: ['resilience 0: 0 of 1 final probes held'] });
    j.setState('r1', 'failed', { score: 25, reason: 'checks failed' });
    j.append('r1', 'faults.reverted', { count: 1 });
  });
  afterEach(() => cleanup());

  it('Markdown has the result, the score explained, every check and the timeline, with table cells escaped', () => {
    const md = runReportMarkdown(j.get('r1')!, j.events('r1'));
    expect(md).toMatch(/^# demo: failed/);
    expect(md).toContain('- Score: 25\n  - resilience 0: 0 of 1 final probes held');
    expect(md).toContain('| **FAIL** | task:fix | pending \\| zero | printed "3" |');
    expect(md).toMatch(/\| fault dies applied \| stop on \{"service":"worker"\}: worker <1> stops \|/);
  });

  it('HTML is self-contained and escapes what the run recorded', () => {
    const html = runReportHtml(j.get('r1')!, j.events('r1'));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(html).toContain('worker &lt;1&gt; stops');
    expect(html).toContain('<h2>Score: 25</h2>');
  });

  it('draws the key series as inline SVG with the run marks, and lists notes and action items', () => {
    j.append('r1', 'note', { text: 'paged the <owner>', role: 'scribe' });
    j.append('r1', 'action.items', { items: ['add a claim loop alert'] });
    const t = Date.parse('2026-11-22T04:00:00Z') / 1000;
    const points = [0, 1, 2, 3].map((i) => [t - 30 + i * 15, i === 2 ? 7 : 1]);
    j.append('r1', 'series', { series: [{ title: 'pending', expr: 'sum(pending)', comparator: '<', threshold: 5, series: [{ labels: { stream: 'orders' }, points }] }] });
    const html = runReportHtml(j.get('r1')!, j.events('r1'));
    expect(html).toMatch(/<svg[^>]+aria-label="pending"/);
    expect(html).toMatch(/<polyline[^>]+points="(\d+\.\d,\d+\.\d ?){4}"/);
    expect(html).toContain('threshold &lt; 5');
    expect(html).toContain('fault dies'); // the fault as a vertical mark
    expect(html).toContain('(scribe): paged the &lt;owner&gt;');
    expect(html).toContain('<li>add a claim loop alert</li>');
    expect(html).not.toContain('<script');
    const md = runReportMarkdown(j.get('r1')!, j.events('r1'));
    expect(md).toContain('| pending `sum(pending)` | stream=orders | 1 … 7 | 1 |');
    expect(md).toContain('- [ ] add a claim loop alert');
  });
});
