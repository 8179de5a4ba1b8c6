import { describe, expect, it } from 'vitest';
import { latestSteps } from './job-steps';

const p = (step: string, message: string, fraction?: number) => ({ jobId: 'job-1', kind: 'bundle.import', step, message, fraction, at: '2026-12-02T10:00:00Z' });

describe('latestSteps', () => {
  it('keeps one line per step with its latest message, in first-seen order', () => {
    const lines = latestSteps([p('signature', 'good'), p('image a', '1 MB of 9 MB', 0.1), p('image b', 'already present'), p('image a', 'loaded', 1)]);
    expect(lines).toEqual([
      { step: 'signature', message: 'good', fraction: undefined },
      { step: 'image a', message: 'loaded', fraction: 1 },
      { step: 'image b', message: 'already present', fraction: undefined },
    ]);
  });
});
