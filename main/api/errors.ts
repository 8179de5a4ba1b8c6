import { z } from 'zod';
import { ERROR_CODES } from './labdeck-error';

export { ERROR_CODES, LabdeckError, toErrorValue } from './labdeck-error';

/** Every failure that crosses a bridge is one of these codes (main/api/labdeck-error.ts), with a message a person can act on. */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One located problem in an input file (a template): what is wrong where, and what to change. */
export const Problem = z.object({
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
  path: z.string(),
  message: z.string(),
  hint: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const ErrorValue = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Every problem found in one round (a template's schema, semantic and unsupported-key problems together). */
  problems: z.array(Problem).optional(),
  /** What the user can do about it, when there is something. */
  hint: z.string().optional(),
  /** Where the problem is, e.g. a schema path like `params.engineEndpoint`. */
  path: z.string().optional(),
});
export type ErrorValue = z.infer<typeof ErrorValue>;

