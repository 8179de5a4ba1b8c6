import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatcher';
import type { Handlers } from './handlers';
import { LabdeckError } from './errors';

const calls: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => async (params: unknown) => {
    calls.push(name);
    if (name === 'settings.get') return { engineEndpoint: null, theme: 'dark' };
    if (name === 'settings.update') return { engineEndpoint: 42 };
    if (name === 'jobs.cancel') throw new LabdeckError('NOT_FOUND', 'no job', { hint: 'list jobs' });
    return params;
  },
});

describe('dispatch', () => {
  it('answers an unknown method with UNKNOWN_METHOD and never calls core', async () => {
    calls.length = 0;
    const out = await dispatch(handlers, 'engine.rm -rf', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(calls).toEqual([]);
  });

  it('rejects a payload outside its schema with BAD_REQUEST and the schema path', async () => {
    calls.length = 0;
    const out = await dispatch(handlers, 'settings.update', { theme: 'purple' });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe('BAD_REQUEST');
      expect(out.error.path).toBe('params.theme');
    }
    expect(calls).toEqual([]);
  });

  it('rejects unknown keys in strict payloads', async () => {
    const out = await dispatch(handlers, 'settings.update', { theme: 'dark', evil: true });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('rejects a malformed endpoint URL', async () => {
    const out = await dispatch(handlers, 'settings.update', { engineEndpoint: 'docker.sock' });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'params.engineEndpoint' } });
  });

  it('passes a valid call through and parses its result', async () => {
    const out = await dispatch(handlers, 'settings.get', {});
    expect(out).toEqual({ ok: true, result: { engineEndpoint: null, theme: 'dark' } });
  });

  it('turns a result outside the output schema into INTERNAL', async () => {
    const out = await dispatch(handlers, 'settings.update', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('keeps the code and hint of a coded error thrown by core', async () => {
    const out = await dispatch(handlers, 'jobs.cancel', { jobId: 'job-abc' });
    expect(out).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no job', hint: 'list jobs' } });
  });
});
