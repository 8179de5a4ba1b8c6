import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { testCore } from '../../testing/test-core';
import { readinessSummary, readinessText } from './offline-readiness';

const ready = await hasDocker();

describe.skipIf(!ready)('offline readiness', () => {
  const t = testCore();
  afterAll(() => t.cleanup());
  const lab = (name: string, image: string): void => {
    mkdirSync(join(t.home, 'labs', name), { recursive: true });
    writeFileSync(join(t.home, 'labs', name, 'compose.yaml'), `services:\n  app:\n    image: ${image}\n`);
  };

  it('says per lab whether every image is on the engine, and names the missing ones', async () => {
    const absent = `bdl-test-p${process.pid}/absent:1`;
    lab('bdl-here', 'redis:7.2');
    lab('bdl-gone', absent);
    const list = await t.core.bundles.readiness();
    expect(list.find((l) => l.lab === 'bdl-here')).toEqual({ lab: 'bdl-here', ready: true, missing: [] });
    expect(list.find((l) => l.lab === 'bdl-gone')).toEqual({ lab: 'bdl-gone', ready: false, missing: [absent] });
    expect(readinessText(list)).toMatch(new RegExp(`bdl-gone\\s+missing ${absent.replace(/[/.]/g, '\\$&')}`));
    expect(readinessSummary(list)).toMatch(/not ready: .*bdl-gone \(1 missing\)/);
  });
});
