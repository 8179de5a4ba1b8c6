import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../main/api/schemas/runs';
import { RunEnd } from '../runs/run-end';
import { TaskCard } from '../runs/task-card';
import { PassFailIcon } from './pass-fail-icon';

// pass/fail marks that are glyphs: emoji (empty boxes without a colour-emoji font) and dingbats
const GLYPH_MARKS = /[\u2705\u274C\u274E\u2713\u2714\u2717\u2718\u2611\u2612\u{1F7E2}\u{1F534}]/u;

const task = (state: 'open' | 'passed'): RunView['tasks'][number] => ({ id: `t-${state}`, prompt: 'Find it', detects: true, hintsTotal: 0, hints: [], state, failedAttempts: 0, lastMessage: 'XPENDING says 0' });
const view: RunView = {
  run: { id: 'r1', scenario: 's', labId: 'l', mode: 'training', state: 'failed', startedAt: '2026-01-01T00:00:00Z' },
  live: false, title: 'S', lab: 'l', briefing: '', difficulty: 'easy', objectives: [],
  timer: { elapsedMs: 0, limitMs: 0, paused: false },
  tasks: [task('passed')], faults: [], faultsWithheld: false,
  verdicts: [{ phase: 'verify', name: 'both up', ok: true, message: 'up = 2' }, { phase: 'steady', name: 'pending', ok: false, message: '12' }],
  actionItems: [],
};

describe('pass/fail marks', () => {
  it('draws each as an SVG with its name, or hidden when the words beside it say it', () => {
    expect(renderToStaticMarkup(<PassFailIcon ok />)).toMatch(/^<svg [^>]*role="img" aria-label="passed"/);
    expect(renderToStaticMarkup(<PassFailIcon ok={false} />)).toMatch(/^<svg [^>]*role="img" aria-label="failed"/);
    const hidden = renderToStaticMarkup(<PassFailIcon ok label="" />);
    expect(hidden).toContain('aria-hidden="true"');
    expect(hidden).not.toContain('role=');
  });

  it('leaves no emoji or dingbat pass/fail mark on the run page: task check results and the verdicts', () => {
    const pages = [
      renderToStaticMarkup(<TaskCard task={task('passed')} index={0} canAct canRevealSolution={false} />),
      renderToStaticMarkup(<TaskCard task={task('open')} index={1} canAct canRevealSolution={false} />),
      renderToStaticMarkup(<RunEnd view={view} />),
    ];
    for (const html of pages) {
      expect(html).not.toMatch(GLYPH_MARKS);
      expect(html).toContain('<svg class="pass-fail-icon');
    }
    expect(pages[2]).toMatch(/aria-label="passed".*aria-label="failed"/s);
  });
});
