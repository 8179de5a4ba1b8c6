import { LabdeckError } from '../../api/errors';
import type { ClassBoard, ClassCapacity, ClassCreateParams, ClassDetail, ClassMessage, ClassSummary, CourseStep, SeatView } from '../../api/schemas/classes';
import type { LabPlan } from '../labs/lab-plan';
import { capacityPlan } from './class-capacity';
import { limitSeatPlan, planLimits, type LabBudget } from './seat-limits';
import { buildBoard, type BoardSources } from './class-board';
import type { ClassesRepo } from './classes-repo';
import { codeHash, looksLikeSeatCode, newSeatCode } from './seat-codes';

export interface ClassServiceDeps extends BoardSources {
  repo: ClassesRepo;
  scenarioNames: () => Promise<string[]>;
  templateNames: () => Promise<string[]>;
  down: (labId: string) => Promise<unknown>;
  emitMessage: (m: ClassMessage) => void;
  emitChanged: (c: { name: string; seat?: string; why: string }) => void;
  now: () => Date;
  /** The lab template a course step plays on (a scenario's `lab:`), its budget and its plan. */
  stepLab?: (step: CourseStep) => Promise<{ template: string; budget?: LabBudget; plan: LabPlan } | undefined>;
  /** What the engine has (`docker info`: MemTotal, NCPU). */
  engineSize?: () => Promise<{ memoryBytes: number; cpus: number } | undefined>;
  /** Starts a lab (a job: it returns at once). */
  upLab?: (template: string, labId: string) => Promise<unknown>;
}

/** The lab a seat gets for a template: `<seat>-<template>`, as a trainee's own start names it. */
export const seatLabId = (seatId: string, template: string): string => `${seatId}-${template.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`.slice(0, 63);

/** A seat's current grant: what a session minted from its code is bound to (a new code or a revoke ends it). */
export interface SeatGrant {
  seatId: string;
  grant: string;
}

/**
 * Classes: create (a course resolved against the catalog, seats with codes), start, end, the board,
 * the trainer's messages, and which seat owns which lab. Codes live in this process only for as
 * long as it runs (only their hashes are stored): a restarted console issues new links.
 */
export class ClassService {
  private readonly codes = new Map<string, string>();
  private readonly watchers = new Map<string, number>();
  private readonly warming = new Set<string>();

  constructor(private readonly d: ClassServiceDeps) {}

  private async resolveCourse(names: string[]): Promise<CourseStep[]> {
    const [scenarios, templates] = await Promise.all([this.d.scenarioNames(), this.d.templateNames()]);
    return names.map((name, i) => {
      if (scenarios.includes(name)) return { kind: 'scenario', name };
      if (templates.includes(name)) return { kind: 'lab', name };
      throw new LabdeckError('SCENARIO_NOT_FOUND', `course step ${i + 1}: no scenario or lab "${name}" in the catalog`, { hint: 'See `labdeck scenarios` and `labdeck labs`.', path: `params.course.${i}` });
    });
  }

  async create(p: ClassCreateParams): Promise<ClassDetail> {
    const course = await this.resolveCourse(p.course);
    const c = this.d.repo.create({ name: p.name, course, seats: p.seats, minutes: p.minutes });
    this.issue(c.name);
    return this.detail(c.name);
  }

  list(): ClassSummary[] {
    return this.d.repo.list();
  }

  detail(name: string): ClassDetail {
    const c = this.d.repo.require(name);
    const seatList = this.d.repo.seats(name).map((s) => ({
      id: s.id,
      n: s.n,
      state: s.revoked_at ? ('revoked' as const) : ('open' as const),
      code: s.revoked_at ? undefined : this.codes.get(s.id),
      labs: this.d.repo.labsOf(s.id),
    }));
    return { ...c, seatList };
  }

  /** New codes for every open seat (or one seat, opened again if revoked); the old codes and their sessions stop working. */
  issue(name: string, seat?: string): { seat: string; code: string }[] {
    const c = this.d.repo.require(name);
    if (c.state === 'ended') throw new LabdeckError('CLASS_STATE', `class ${name} has ended: its seats take no one`);
    const seats = this.d.repo.seats(name).filter((s) => (seat ? s.id === seat : !s.revoked_at));
    if (seat && seats.length === 0) throw new LabdeckError('NOT_FOUND', `class ${name} has no seat ${seat}`, { path: 'params.seat' });
    return seats.map((s) => {
      const code = newSeatCode();
      this.d.repo.issue(s.id, codeHash(code));
      this.codes.set(s.id, code);
      return { seat: s.id, code };
    });
  }

  revoke(name: string, seat: string): void {
    const s = this.d.repo.seat(seat);
    if (!s || s.class_name !== name) throw new LabdeckError('NOT_FOUND', `class ${name} has no seat ${seat}`, { path: 'params.seat' });
    this.d.repo.revoke(seat);
    this.codes.delete(seat);
    this.d.emitChanged({ name, seat, why: 'revoked' });
  }

  /** Each step's lab as a seat gets it (with its limits) × seats, against what the engine has. */
  async capacity(name: string): Promise<ClassCapacity> {
    const c = this.d.repo.require(name);
    const labs: ClassCapacity['labs'] = [];
    for (const [i, step] of c.course.entries()) {
      const l = await this.d.stepLab?.(step);
      if (!l) continue;
      const limits = planLimits(limitSeatPlan(l.plan, l.budget));
      labs.push({ step: i, lab: l.template, budgetMemoryBytes: l.budget?.memoryBytes, budgetCpus: l.budget?.cpus, limitMemoryBytes: limits.memoryBytes, limitCpus: limits.cpus });
    }
    const engine = await this.d.engineSize?.().catch(() => undefined);
    return capacityPlan(name, c.seats, labs, engine);
  }

  /**
   * Starts the class's clock, once its capacity plan fits (or `force`), and pre-warms the labs of
   * the first `prewarm` seats: a trainee opening the link waits for nothing. The other seats' labs
   * start when they join.
   */
  async start(name: string, opts: { force?: boolean; prewarm?: number } = {}): Promise<ClassSummary & { capacity?: ClassCapacity; prewarmed: string[] }> {
    const c = this.d.repo.require(name);
    if (c.state === 'ended') throw new LabdeckError('CLASS_STATE', `class ${name} has ended`);
    const capacity = this.d.stepLab ? await this.capacity(name) : undefined;
    if (capacity?.verdict === 'refuse' && !opts.force) {
      throw new LabdeckError('CLASS_CAPACITY', capacity.notes.join(' '), { hint: 'Create the class with fewer seats, free memory on the engine, or start it anyway (force; `labdeck class start --force`).' });
    }
    this.d.repo.setState(name, 'running');
    this.d.emitChanged({ name, why: 'started' });
    const seats = this.d.repo.seats(name).filter((s) => !s.revoked_at).slice(0, opts.prewarm ?? 0);
    const prewarmed: string[] = [];
    for (const s of seats) {
      const lab = await this.warm(s.id);
      if (lab) prewarmed.push(lab);
    }
    return { ...this.d.repo.require(name), capacity, prewarmed };
  }

  /** Starts the seat's lab of the first course step unless it has one already; the lab's id, or undefined. */
  async warm(seatId: string): Promise<string | undefined> {
    const s = this.d.repo.seat(seatId);
    const c = s ? this.d.repo.get(s.class_name) : undefined;
    if (!s || !c || s.revoked_at || c.state !== 'running' || this.d.repo.labsOf(seatId).length || !this.d.upLab || this.warming.has(seatId)) return undefined;
    // a reload joins again while the first join is still planning: one lab per seat
    this.warming.add(seatId);
    try {
      const step = await this.d.stepLab?.(c.course[0]!);
      if (!step) return undefined;
      const labId = seatLabId(seatId, step.template);
      if (!this.d.repo.claimLab(seatId, labId)) return undefined;
      return await this.startLab(c.name, seatId, step.template, labId);
    } finally {
      this.warming.delete(seatId);
    }
  }

  private async startLab(name: string, seatId: string, template: string, labId: string): Promise<string | undefined> {
    try {
      await this.d.upLab!(template, labId);
      this.d.emitChanged({ name, seat: seatId, why: 'lab starting' });
      return labId;
    } catch (err) {
      this.d.emitChanged({ name, seat: seatId, why: `lab not started: ${(err as Error).message}` });
      return undefined;
    }
  }

  /** A trainee opened its seat's link: its lab starts now if it was not pre-warmed. */
  joined(seatId: string): void {
    void this.warm(seatId).catch(() => undefined);
  }

  /** Ends the class: no seat joins any more, and the seats' labs are removed (their runs stay, for the export). */
  async end(name: string, opts: { keepLabs?: boolean } = {}): Promise<ClassSummary> {
    this.d.repo.require(name);
    this.d.repo.setState(name, 'ended');
    for (const s of this.d.repo.seats(name)) {
      this.codes.delete(s.id);
      if (!opts.keepLabs) for (const lab of this.d.repo.labsOf(s.id)) await this.d.down(lab).catch(() => undefined);
    }
    this.d.emitChanged({ name, why: 'ended' });
    return this.d.repo.require(name);
  }

  extend(name: string, minutes: number): ClassSummary {
    this.d.repo.require(name);
    this.d.repo.extend(name, minutes);
    this.d.emitChanged({ name, why: 'extended' });
    return this.d.repo.require(name);
  }

  /** Removes the seat's labs so it starts its step again from a fresh lab. */
  async resetSeat(name: string, seat: string): Promise<string[]> {
    const s = this.d.repo.seat(seat);
    if (!s || s.class_name !== name) throw new LabdeckError('NOT_FOUND', `class ${name} has no seat ${seat}`, { path: 'params.seat' });
    const labs = this.d.repo.labsOf(seat);
    for (const lab of labs) await this.d.down(lab).catch(() => undefined);
    this.d.emitChanged({ name, seat, why: 'reset' });
    return labs;
  }

  message(p: { name: string; seat?: string; kind: 'hint' | 'message'; text: string }): ClassMessage {
    this.d.repo.require(p.name);
    if (p.seat && this.d.repo.seat(p.seat)?.class_name !== p.name) throw new LabdeckError('NOT_FOUND', `class ${p.name} has no seat ${p.seat}`, { path: 'params.seat' });
    const m = this.d.repo.addMessage(p);
    this.d.emitMessage(m);
    return m;
  }

  async board(name: string): Promise<ClassBoard> {
    const c = this.d.repo.require(name);
    const seats = this.d.repo.seats(name).map((s) => ({ id: s.id, n: s.n, state: s.revoked_at ? ('revoked' as const) : ('open' as const), labs: this.d.repo.labsOf(s.id), watched: this.watched(s.id) }));
    return { class: c, rows: await buildBoard(c, seats, this.d), at: this.d.now().toISOString() };
  }

  // --- seats, as the console server asks about them

  /** The seat a join code opens, with the grant its sessions are bound to; null for a wrong, revoked or ended one. */
  seatOfCode(code: string): SeatGrant | null {
    if (!looksLikeSeatCode(code)) return null;
    const hash = codeHash(code);
    const s = this.d.repo.seatByCode(hash);
    if (!s || s.revoked_at || this.d.repo.get(s.class_name)?.state === 'ended') return null;
    return { seatId: s.id, grant: hash };
  }

  /** Whether a session minted from `grant` still speaks for the seat. */
  grantValid(g: SeatGrant): boolean {
    const s = this.d.repo.seat(g.seatId);
    return !!s && !s.revoked_at && s.code_sha256 === g.grant && this.d.repo.get(s.class_name)?.state !== 'ended';
  }

  ownerOfLab(labId: string): string | undefined {
    return this.d.repo.ownerOfLab(labId);
  }

  owns(seatId: string, labId: string): boolean {
    return this.d.repo.ownerOfLab(labId) === seatId;
  }

  /** Records a new lab of the seat before it is made; refused when the name belongs to another seat. */
  claim(seatId: string, labId: string): boolean {
    return this.d.repo.claimLab(seatId, labId);
  }

  classOfSeat(seatId: string): string | undefined {
    return this.d.repo.seat(seatId)?.class_name;
  }

  seatView(seatId: string): SeatView {
    const s = this.d.repo.seat(seatId);
    if (!s) throw new LabdeckError('NOT_FOUND', `no seat ${seatId}`);
    return { class: this.d.repo.require(s.class_name), seat: s.id, messages: this.d.repo.messages(s.class_name, s.id), watched: this.watched(s.id) };
  }

  watched(seatId: string): boolean {
    return (this.watchers.get(seatId) ?? 0) > 0;
  }

  /** The trainer started (+1) or stopped (-1) watching one of the seat's terminals. */
  watching(seatId: string, delta: 1 | -1): void {
    const n = Math.max(0, (this.watchers.get(seatId) ?? 0) + delta);
    this.watchers.set(seatId, n);
    const name = this.classOfSeat(seatId);
    if (name) this.d.emitChanged({ name, seat: seatId, why: n > 0 ? 'watched' : 'unwatched' });
  }
}
