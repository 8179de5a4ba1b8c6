import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../api/permissions';
import { codeNonce, mintCode } from './one-time-code';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** Who a credential speaks for; a trainee is bound to one seat of a class. */
export type Credential = { role: 'owner' } | { role: 'observer' } | { role: 'trainee'; seatId: string; grant?: string };

/** Join codes of a class's seats (see class-seats.ts); the credentials ask it, and keep nothing of a seat themselves. */
export interface SeatCodes {
  seatOfCode(code: string): { seatId: string; grant: string } | null;
  grantValid(g: { seatId: string; grant: string }): boolean;
  /** A trainee opened its link (its lab starts if it has none yet). */
  joined?(seatId: string): void;
}

/** A seat id names its labs (`<seat>-…`), so it has a lab id's letters and room to spare. */
export const SEAT_ID_RE = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** Sessions are cheap to ask for with an observer link; the oldest go first past this many. */
const MAX_SESSIONS = 5000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The console's credentials. The owner's token is for scripts (`Authorization: Bearer`) and never
 * appears in a URL; the owner's link carries a one-time code instead. The observer's link stays
 * multi-use: it is read-only and meant to be shared with a room, so each use gets a session of its
 * own. A trainee's token is minted for one seat.
 */
export class ConsoleCredentials {
  private readonly spent = new Set<string>();
  private readonly sessions = new Map<string, Credential>();

  constructor(
    readonly ownerToken: string = newToken(),
    readonly observerCode: string = newToken(),
    private readonly seats?: SeatCodes,
  ) {}

  /** A fresh one-time code for the owner's link. */
  ownerCode(): string {
    return mintCode(this.ownerToken);
  }

  /** Trades a link's code for a session token; null for a code that is wrong or already spent. */
  exchange(code: string): { token: string; role: Role } | null {
    if (same(code, this.observerCode)) return { token: this.open({ role: 'observer' }), role: 'observer' };
    const seat = this.seats?.seatOfCode(code);
    if (seat) {
      this.seats?.joined?.(seat.seatId);
      return { token: this.open({ role: 'trainee', ...seat }), role: 'trainee' };
    }
    const nonce = codeNonce(this.ownerToken, code);
    if (nonce === null || this.spent.has(nonce)) return null;
    this.spent.add(nonce);
    return { token: this.open({ role: 'owner' }), role: 'owner' };
  }

  /** A token for one seat of a class (the classroom hands these out). */
  mintTrainee(seatId: string): string {
    if (!SEAT_ID_RE.test(seatId)) throw new Error(`a seat id is lowercase letters, digits and -, got ${JSON.stringify(seatId)}`);
    return this.open({ role: 'trainee', seatId });
  }

  /** The credential a presented token stands for, or null. */
  credentialOf(token: string | null): Credential | null {
    if (!token) return null;
    if (same(token, this.ownerToken)) return { role: 'owner' };
    const c = this.sessions.get(token);
    if (!c) return null;
    // a seat revoked or re-issued since, or its class ended: the session is gone with it
    if (c.role === 'trainee' && c.grant !== undefined && !this.seats?.grantValid({ seatId: c.seatId, grant: c.grant })) {
      this.sessions.delete(token);
      return null;
    }
    return c;
  }

  private open(c: Credential): string {
    const token = newToken();
    this.sessions.set(token, c);
    if (this.sessions.size > MAX_SESSIONS) {
      // the oldest observer's session goes: an owner's or a trainee's is not crowded out by link spam
      for (const [t, held] of this.sessions) if (held.role === 'observer') return (this.sessions.delete(t), token);
    }
    return token;
  }
}
