import { LabdeckError } from '../../api/errors';
import { ACTION_ALIASES as ALIASES } from '../../api/schemas/fault-actions';
import { parseDuration } from '../labs/template/compose-values';
import { FAULT_KINDS, type FaultKind, type FaultSpecInput, type FaultTarget } from './fault-model';

/**
 * A scenario's fault step as authors write it (`action`, `params`, `duration: 1m30s`), the shape the
 * scenario format gives a run engine; `faultFromStep` turns it into what FaultService.inject takes.
 */
export interface FaultStepLike {
  action: string;
  target: FaultTarget;
  params?: Record<string, unknown>;
  duration?: string;
}

/** Action names of the scenario format that differ from the fault kinds. */
export const ACTION_ALIASES: Record<string, FaultKind> = ALIASES;

/** 500ms, 10s, 1m30s, 1h → milliseconds; NaN when it is not such a duration (a bare number is not). */
export function durationMs(text: string): number {
  return /[a-zµ]$/.test(text.trim()) ? (parseDuration(text) ?? NaN) : NaN;
}

/**
 * `stress` is CPU or memory by its params: `{ cpu: <workers> }` or `{ memory: <size> }`. Other
 * actions are fault kinds (or their aliases) with their params as they are.
 */
export function faultFromStep(step: FaultStepLike): FaultSpecInput {
  const params = { ...(step.params ?? {}) };
  let kind: string = ACTION_ALIASES[step.action] ?? step.action;
  if (step.action === 'stress') {
    if ((params.cpu === undefined) === (params.memory === undefined)) {
      throw new LabdeckError('FAULT_INVALID', 'fault: params: stress takes either cpu (workers) or memory (a size)', { path: 'params' });
    }
    if (params.memory !== undefined) {
      kind = 'memory';
      params.size = params.memory;
      delete params.memory;
    } else {
      kind = 'cpu';
      params.workers = params.cpu;
      delete params.cpu;
    }
  }
  if (!(FAULT_KINDS as string[]).includes(kind)) {
    throw new LabdeckError('FAULT_INVALID', `fault: action: unknown fault ${JSON.stringify(step.action)}; known: ${[...FAULT_KINDS, 'stress', ...Object.keys(ACTION_ALIASES)].join(', ')}`, { path: 'action' });
  }
  const spec: Record<string, unknown> = { kind, target: step.target, params };
  if (step.duration !== undefined) {
    const ms = durationMs(step.duration);
    if (!(ms > 0)) throw new LabdeckError('FAULT_INVALID', `fault: duration: ${JSON.stringify(step.duration)} is not a duration like 30s or 1m30s`, { path: 'duration' });
    spec.durationMs = ms;
  }
  return spec as FaultSpecInput;
}
