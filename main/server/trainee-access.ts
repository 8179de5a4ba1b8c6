import { LabdeckError } from '../api/errors';
import type { Handlers } from '../api/handlers';
import type { RunAction } from '../api/schemas/runs';
import { outsideSeat } from './access-errors';
import { labEventVisible } from './observer-access';
import type { RunSecrecy } from './run-secrecy';
import { templatesWithoutPaths } from './template-paths';
import type { ClassSeats } from './class-seats';

const LAB_METHODS = ['labs.down', 'labs.start', 'labs.stop', 'labs.restart', 'labs.status', 'labs.stats', 'labs.query', 'labs.queryRange', 'dashboards.forLab', 'labs.addNote', 'labs.alerts', 'labs.serviceAction', 'labs.audit'] as const;

/** What a learner does in a facilitated run; the controls (inject, pause, finish…) are the facilitator's. */
const LEARNER_ACTIONS = new Set<RunAction['type']>(['check', 'hint', 'detected', 'note']);

export interface TraineeAccess {
  handlers: Handlers;
  ownsLab(labId: string): boolean;
  /** Log streams this seat started: only their lines reach it. */
  streams: Set<string>;
}

/**
 * A trainee's console: one seat of a class, bound to its own labs (named `<seat>-…`) and their runs,
 * no file paths (the catalog only, as for every console caller), no settings, no host shell. Runs
 * are seen as a responder sees them. The method table decides what is callable at all; this holds
 * the callable ones to the seat.
 */
export function traineeAccess(h: Handlers, seatId: string, secrecy: RunSecrecy, classSeats?: ClassSeats): TraineeAccess {
  const seats = classSeats?.classOfSeat(seatId) !== undefined ? classSeats : undefined;
  const named = (labId: string): boolean => labId === seatId || labId.startsWith(`${seatId}-`);
  // A class records which seat owns which lab (SQLite): a name alone could also fit another class's
  // seat (`a-1` vs `a-1-2`). Without a class (a minted seat token) the name is the rule.
  const ownsLab = (labId: string): boolean => (seats ? seats.owns(seatId, labId) : named(labId));
  const lab = (labId: string): void => {
    if (!ownsLab(labId)) throw outsideSeat(seatId, `lab ${labId}`);
  };
  const run = async (runId: string): Promise<{ mode: string }> => {
    const facts = await secrecy.facts(runId);
    if (!facts || !ownsLab(facts.labId)) throw outsideSeat(seatId, `run ${runId}`);
    return facts;
  };
  const session = async (sessionId: string): Promise<void> => {
    const s = (await h['terminals.list']({})).find((t) => t.sessionId === sessionId);
    if (!s || !s.target.labId || !ownsLab(s.target.labId)) throw outsideSeat(seatId, `terminal ${sessionId}`);
  };
  const labName = (template: string, name: string | undefined): string => {
    const chosen = name ?? `${seatId}-${template.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`.slice(0, 63);
    if (!named(chosen) || (seats && !seats.claim(seatId, chosen))) throw outsideSeat(seatId, `lab ${chosen}`);
    return chosen;
  };
  const streams = new Set<string>();
  // methods whose only reach is the lab they name
  const byLab = {} as Record<string, (p: { labId: string }) => Promise<unknown>>;
  for (const m of LAB_METHODS) {
    const call = h[m] as unknown as (p: { labId: string }) => Promise<unknown>;
    byLab[m] = async (p) => (lab(p.labId), call(p));
  }

  const handlers: Handlers = {
    ...h,
    ...(byLab as unknown as Partial<Handlers>),
    'app.info': async (p) => ({ ...(await h['app.info'](p)), dataDir: '', databasePath: '', hostShell: false, role: 'trainee' }),
    'labs.templates': async (p) => templatesWithoutPaths(await h['labs.templates'](p)),
    'labs.plan': (p) => h['labs.plan']({ ...p, name: labName(p.template, p.name) }),
    'classes.mine': async () => {
      if (!seats) throw new LabdeckError('NOT_FOUND', `seat ${seatId} is not a seat of a class here`);
      return seats.seatView(seatId);
    },
    'labs.up': (p) => h['labs.up']({ ...p, name: labName(p.template, p.name) }),
    'labs.list': async (p) => (await h['labs.list'](p)).filter((l) => ownsLab(l.labId)),
    'labs.events': async (p) => {
      lab(p.labId);
      const all = await h['labs.events'](p);
      const keep = await Promise.all(all.map((e) => labEventVisible(e, secrecy)));
      return all.filter((_, i) => keep[i]);
    },
    'terminals.open': async (p) => {
      if (p.target.kind === 'host') throw new LabdeckError('HOST_SHELL_DISABLED', 'a trainee has no shell on the host', { hint: 'Open a terminal in one of your lab containers.' });
      lab(p.target.labId);
      const runId = p.runId ?? p.recordTo;
      if (runId) await run(runId);
      return h['terminals.open'](p);
    },
    'terminals.list': async (p) => (await h['terminals.list'](p)).filter((t) => t.target.labId !== undefined && ownsLab(t.target.labId)),
    'terminals.resize': async (p) => (await session(p.sessionId), h['terminals.resize'](p)),
    'terminals.close': async (p) => (await session(p.sessionId), h['terminals.close'](p)),
    'logs.follow': async (p) => {
      lab(p.labId);
      const out = await h['logs.follow'](p);
      streams.add(out.streamId);
      return out;
    },
    'logs.stop': async (p) => {
      if (!streams.has(p.streamId)) throw outsideSeat(seatId, `log stream ${p.streamId}`);
      streams.delete(p.streamId);
      return h['logs.stop'](p);
    },
    'runs.start': async (p) => {
      if (!p.labId) throw new LabdeckError('FORBIDDEN', 'a trainee starts a game day on one of its own labs: name the lab', { hint: `Start a lab named ${seatId}-… first.`, path: 'params.labId' });
      lab(p.labId);
      return h['runs.start'](p);
    },
    'runs.list': async (p) => (await h['runs.list'](p)).filter((r) => ownsLab(r.labId)),
    'runs.get': async (p) => (await run(p.runId), h['runs.get']({ ...p, role: 'responder' })),
    'runs.events': async (p) => (await run(p.runId), h['runs.events']({ ...p, role: 'responder' })),
    'runs.report': async (p) => (await run(p.runId), h['runs.report']({ ...p, role: 'responder' })),
    'runs.act': async (p) => {
      const facts = await run(p.runId);
      if (facts.mode === 'facilitated' && !LEARNER_ACTIONS.has(p.action.type)) {
        throw new LabdeckError('FORBIDDEN', `${p.action.type} is the facilitator's control in a facilitated run`, { path: 'params.action.type' });
      }
      return h['runs.act']({ ...p, role: 'responder' });
    },
  };
  return { handlers, ownsLab, streams };
}
