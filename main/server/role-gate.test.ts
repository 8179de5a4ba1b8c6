import { describe, expect, it } from 'vitest';
import { methodNames, type MethodName } from '../api/contract';
import { dispatch } from '../api/dispatcher';
import type { EventSource, Handlers } from '../api/handlers';
import { mayCall, type Role } from '../api/permissions';
import { accessFor } from './role-access';
import { RunSecrecy } from './run-secrecy';

/** Core stand-ins that only record being reached: a refused call must never get that far. */
function recordingCore(): { h: Handlers; reached: string[] } {
  const reached: string[] = [];
  const h = {} as Record<MethodName, () => Promise<unknown>>;
  for (const m of methodNames) {
    h[m] = async () => {
      reached.push(m);
      throw new Error('core reached');
    };
  }
  return { h: h as unknown as Handlers, reached };
}

const quiet: EventSource = { subscribe: () => () => undefined };

describe('the role gate', () => {
  for (const role of ['observer', 'trainee'] as const satisfies Role[]) {
    it(`refuses every method outside the ${role}'s part of the table with its code, before core`, async () => {
      const { h, reached } = recordingCore();
      const access = accessFor(role === 'trainee' ? { role, seatId: 'seat9' } : { role }, h, new RunSecrecy(h, quiet));
      const refused = methodNames.filter((m) => !mayCall(role, m));
      expect(refused.length).toBeGreaterThan(5);
      for (const m of refused) {
        // params that pass every schema are not needed: the gate answers first, whatever comes
        const out = await access.handlers[m]({} as never).then(
          () => null,
          (err: { code?: string }) => err.code,
        );
        expect(out, m).toBe(role === 'observer' ? 'READ_ONLY' : 'FORBIDDEN');
      }
      expect(reached).toEqual([]);
    });
  }

  it('lets the owner reach core for every method (the console limits aside)', async () => {
    const { h, reached } = recordingCore();
    const owner = accessFor({ role: 'owner' }, h, new RunSecrecy(h, quiet));
    const direct = methodNames.filter((m) => !['labs.plan', 'labs.up', 'clusters.create', 'runs.start', 'settings.update', 'app.info'].includes(m));
    for (const m of direct) await owner.handlers[m]({} as never).catch(() => undefined);
    expect(reached).toEqual(direct);
  });

  it('answers an unknown method as unknown for every role, not as a refusal', async () => {
    const { h } = recordingCore();
    for (const cred of [{ role: 'owner' }, { role: 'observer' }, { role: 'trainee', seatId: 's' }] as const) {
      const out = await dispatch(accessFor(cred, h, new RunSecrecy(h, quiet)).handlers, 'no.such', {});
      expect(out).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });
});
