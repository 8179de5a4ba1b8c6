import { LabdeckError } from '../api/labdeck-error';

/**
 * What a user lost when the store was unreadable: the damaged file is only moved, so the sentence
 * says where it went and what this new, empty store no longer knows.
 */
export function movedAsideNotice(databasePath: string, movedTo: string): string {
  return (
    `The database ${databasePath} was damaged and could not be read. It was moved aside to ${movedTo} (nothing was deleted) and a new one was started.\n` +
    '  Lost from view: past game-day runs and their reports, lab notes and alerts, terminal recordings, and settings (the engine you picked).\n' +
    '  Labs still on the engine are found again by their labels.'
  );
}

/** For commands whose whole answer was in the damaged store (the runs list, a report). */
export function storeLostError(databasePath: string, movedTo: string): LabdeckError {
  return new LabdeckError('STORE_CORRUPT', movedAsideNotice(databasePath, movedTo), {
    hint: 'This command cannot answer from the new, empty database; the old runs are only in the moved file.',
  });
}
