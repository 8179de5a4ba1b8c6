import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fillDisk, smallDisk } from '../../testing/small-disk';
import { openStore } from '../store/database';
import { RunJournal } from './run-journal';

const disk = smallDisk('8m');
afterAll(() => disk?.release());

describe.skipIf(!disk)('RunJournal on a real disk that fills up (tmpfs)', () => {
  it('keeps what it cannot write, in order, says DISK_FULL with the data dir, and writes it all once there is room', () => {
    const dir = disk!.dir;
    const store = openStore(dir);
    try {
      store.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES ('lab1', 'lab1', 't', 'e', 'running', 'now')").run();
      const j = new RunJournal(store.db, () => new Date());
      j.create({ id: 'r1', scenario: 'demo', labId: 'lab1', mode: 'headless' });
      j.setState('r1', 'running');
      const filler = fillDisk(dir);
      // the WAL may still have room in frames it already has: write until SQLite needs the disk
      let n = 0;
      while (!j.failure('r1') && n < 5000) j.append('r1', 'probe', { n: n++, text: 'x'.repeat(2000) });
      expect(j.failure('r1')?.toValue()).toMatchObject({ code: 'DISK_FULL', path: dir, message: expect.stringMatching(new RegExp(`could not write the journal of run r1 in ${dir}: the disk is full`)) });
      j.append('r1', 'fault.reverted', { fault: 'f1' });
      j.setState('r1', 'aborted', { reason: 'DISK_FULL' });
      const kept = j.unwrittenOf('r1').events.map((e) => e.type);
      expect(kept.slice(-2)).toEqual(['fault.reverted', 'run.state']);
      // readers see the whole run meanwhile
      expect(j.get('r1')?.state).toBe('aborted');
      expect(j.events('r1').at(-1)).toMatchObject({ type: 'run.state', data: { state: 'aborted' } });

      rmSync(filler);
      expect(j.flush()).toBe(0);
      expect(j.unwrittenOf('r1').events).toEqual([]);
      const written = j.events('r1');
      expect(written.map((e) => e.seq)).toEqual([...written.map((e) => e.seq)].sort((a, b) => a - b));
      expect(written.slice(-3).map((e) => e.type)).toEqual(['probe', 'fault.reverted', 'run.state']);
      expect(written.filter((e) => e.type === 'probe').map((e) => e.data.n)).toEqual([...Array(n).keys()]);
      expect(j.get('r1')?.state).toBe('aborted');
    } finally {
      store.db.close();
    }
  });
});
