import { createHash, randomBytes } from 'node:crypto';

/** A seat's join code: random, shown once in its link; only its SHA-256 is stored. */
export const newSeatCode = (): string => `seat.${randomBytes(24).toString('base64url')}`;

export const codeHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/** Whether a presented string could be a seat code at all (checked before any lookup). */
export const looksLikeSeatCode = (code: string): boolean => /^seat\.[A-Za-z0-9_-]{32}$/.test(code);
