import type { Handlers } from '../api/handlers';
import type { LabEvent } from '../api/schemas/lab-events';
import type { LogBatch } from '../api/schemas/terminals';
import type { RunEventView } from '../api/schemas/runs';
import { isMethodName, type EventName, type MethodName } from '../api/contract';
import { mayCall, mayReceive, type Role } from '../api/permissions';
import { eventVisible } from '../core/scenarios/run-visibility';
import { notForRole } from './access-errors';
import { consoleHandlers } from './console-access';
import type { Credential } from './credentials';
import { labEventVisible, observerHandlers } from './observer-access';
import type { RunSecrecy } from './run-secrecy';
import { traineeAccess } from './trainee-access';
import type { ClassSeats } from './class-seats';
import type { ClassMessage } from '../api/schemas/classes';

/** Decides, per event, whether (and as what) it reaches a socket; null keeps it back. */
export type EventFilter = (event: EventName, payload: unknown) => Promise<unknown | null>;

export interface RoleAccess {
  role: Role;
  handlers: Handlers;
  events: EventFilter;
}

/** Every method a role may not call answers with its coded refusal; the rest go to `h`. */
function gate(role: Role, h: Handlers): Handlers {
  const out = {} as Record<MethodName, (p: unknown) => Promise<unknown>>;
  for (const name of Object.keys(h)) {
    if (!isMethodName(name)) continue;
    out[name] = mayCall(role, name)
      ? (h[name] as (p: unknown) => Promise<unknown>)
      : async () => {
          throw notForRole(role, name);
        };
  }
  return out as Handlers;
}

/**
 * What a console credential may do, decided on the server: the method table of
 * main/api/permissions.ts first, then the role's view of what it may call (an observer's filtered
 * reads, a trainee's seat), then the console's own limits (catalog only, confirmed engine changes).
 */
export function accessFor(cred: Credential, core: Handlers, secrecy: RunSecrecy, seats?: ClassSeats): RoleAccess {
  const base = consoleHandlers(core);
  if (cred.role === 'owner') {
    const handlers: Handlers = { ...base, 'app.info': async (p) => ({ ...(await base['app.info'](p)), role: 'owner' }) };
    return { role: 'owner', handlers, events: async (_e, payload) => payload };
  }
  if (cred.role === 'observer') {
    return {
      role: 'observer',
      handlers: gate('observer', observerHandlers(base, secrecy)),
      events: async (event, payload) => {
        if (!mayReceive('observer', event)) return null;
        if (event === 'lab.event') return (await labEventVisible(payload as LabEvent, secrecy)) ? payload : null;
        if (event === 'run.event') {
          const e = payload as RunEventView;
          return eventVisible(e.type, await secrecy.withheld(e.runId), 'observer') ? payload : null;
        }
        return payload;
      },
    };
  }
  const seat = traineeAccess(base, cred.seatId, secrecy, seats);
  const myClass = seats?.classOfSeat(cred.seatId);
  return {
    role: 'trainee',
    handlers: gate('trainee', seat.handlers),
    events: async (event, payload) => {
      if (!mayReceive('trainee', event)) return null;
      if (event === 'lab.event') return seat.ownsLab((payload as LabEvent).labId) && (await labEventVisible(payload as LabEvent, secrecy)) ? payload : null;
      if (event === 'logs.lines') return seat.streams.has((payload as LogBatch).streamId) ? payload : null;
      if (event === 'class.changed') {
        // a seat hears of itself only (being watched, revoked, reset), never of the others
        const ch = payload as { name: string; seat?: string };
        return myClass !== undefined && ch.name === myClass && ch.seat === cred.seatId ? payload : null;
      }
      if (event === 'class.message') {
        const m = payload as ClassMessage;
        return myClass !== undefined && m.name === myClass && (m.seat === undefined || m.seat === cred.seatId) ? payload : null;
      }
      if (event === 'run.event') {
        const e = payload as RunEventView;
        const facts = await secrecy.facts(e.runId);
        if (!facts || !seat.ownsLab(facts.labId)) return null;
        return eventVisible(e.type, await secrecy.withheld(e.runId), 'responder') ? payload : null;
      }
      return payload;
    },
  };
}
