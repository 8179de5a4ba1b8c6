import { LabdeckError } from '../../../main/api/labdeck-error';

export type Err = { code: string; message: string; hint?: string };

export const asErr = (e: unknown): Err => (e instanceof LabdeckError ? e.toValue() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
