import type { z } from 'zod';
import { events, isEventName, isMethodName, methods, type EventName } from './contract';
import { ErrorValue, LabdeckError, toErrorValue } from './errors';
import type { Handlers } from './handlers';

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorValue };

function issuePath(prefix: string, issue: z.core.$ZodIssue): string {
  return [prefix, ...issue.path.map(String)].join('.');
}

/**
 * The one place a request meets core: the method name is checked against the contract, the
 * payload is parsed by its schema (a bad one never reaches core), the handler runs, and its
 * result is parsed by the output schema. Errors come back as coded values, never thrown.
 */
export async function dispatch(handlers: Handlers, method: unknown, params: unknown): Promise<Outcome> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${JSON.stringify(method)}` } };
  }
  const spec = methods[method];
  const parsed = spec.input.safeParse(params ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `${method}: ${first ? `${issuePath('params', first)}: ${first.message}` : 'invalid params'}`,
        path: first ? issuePath('params', first) : 'params',
      },
    };
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    const checked = spec.output.safeParse(result);
    if (!checked.success) {
      const first = checked.error.issues[0];
      throw new LabdeckError('INTERNAL', `${method} returned a result outside its schema at ${first ? issuePath('result', first) : 'result'}`);
    }
    return { ok: true, result: checked.data };
  } catch (err) {
    return { ok: false, error: toErrorValue(err) };
  }
}

/** Parses an event payload before it leaves core; returns null for an unknown or malformed event. */
export function checkEvent(event: unknown, payload: unknown): { event: EventName; payload: unknown } | null {
  if (!isEventName(event)) return null;
  const parsed = events[event].safeParse(payload);
  return parsed.success ? { event, payload: parsed.data } : null;
}
