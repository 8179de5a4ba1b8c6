import { describe, expect, it } from 'vitest';
import { reportFileName } from './report-export';

const run = { id: 'r-7f3a9c', scenario: 'redis-worker-crash', startedAt: '2026-12-02T09:14:05.123Z' };

describe('exported report file names', () => {
  it('are <scenario>-<date>-<run id>, so a folder of exports says what each is', () => {
    expect(reportFileName(run, 'md')).toBe('redis-worker-crash-2026-12-02-r-7f3a9c.md');
    expect(reportFileName(run, 'html')).toBe('redis-worker-crash-2026-12-02-r-7f3a9c.html');
    expect(reportFileName(run, 'json')).toBe('redis-worker-crash-2026-12-02-r-7f3a9c.journal.json');
  });

  it('name a scenario given as a file by its file name, with nothing a file system would take as a path', () => {
    expect(reportFileName({ ...run, scenario: '/home/me/drills/etcd restore.yaml' }, 'md')).toBe('etcd-restore-2026-12-02-r-7f3a9c.md');
    expect(reportFileName({ ...run, scenario: 'C:\\drills\\..\\x.yml' }, 'md')).toBe('x-2026-12-02-r-7f3a9c.md');
    expect(reportFileName({ ...run, scenario: '../..', startedAt: 'garbage' }, 'md')).toBe('run-r-7f3a9c.md');
  });
});
