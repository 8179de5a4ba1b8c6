import { LabdeckError } from '../api/errors';
import type { Role } from '../api/permissions';

/** The refusal a role gets for a method outside its part of the table. */
export function notForRole(role: Role, method: string): LabdeckError {
  if (role === 'observer') {
    return new LabdeckError('READ_ONLY', `${method} is not open to an observer: this console link is read-only`, { hint: 'Ask the facilitator for the full link, or watch.' });
  }
  return new LabdeckError('FORBIDDEN', `${method} is not open to a ${role} of this console`, { hint: 'Ask the trainer; a seat works with its own labs and runs only.' });
}

export function outsideSeat(seatId: string, what: string): LabdeckError {
  return new LabdeckError('FORBIDDEN', `${what} does not belong to seat ${seatId}`, { hint: `A seat works with its own labs (named ${seatId}-…) and their runs.` });
}

/** HTTP status for a coded refusal: the role's refusals are 403, like a web server's. */
export function httpStatusOf(code: string): number {
  if (code === 'UNKNOWN_METHOD') return 404;
  if (code === 'BAD_REQUEST') return 400;
  if (code === 'READ_ONLY' || code === 'FORBIDDEN') return 403;
  if (code === 'CONFIRMATION_REQUIRED') return 409;
  return 200;
}
