import type { Scenario } from '../../api/schemas/scenarios';

export interface ScoreInput {
  /** Steady state after the faults, and the verify probes: passed or not. */
  probes: boolean[];
  tasks: { passed: boolean; failedAttempts: number }[];
  hintCost: number;
  hintsUsed?: number;
  /** From the first fault to the detection (a detecting task passed, or the "Detected" mark). */
  ttdMs?: number;
  /** From the first fault to the steady state holding again. */
  ttrMs?: number;
  /** Whether the steady state broke at all after the faults. */
  steadyBroke?: boolean;
}

export interface Score {
  /** 0..100, weighted as the scenario says. */
  total: number;
  /** Share of probes that held (Litmus's resilience score). */
  resilience: number;
  /** Tasks done, less 10 points per failed check and the hints' costs (each point of cost is 5). */
  response: number;
  ttdMs?: number;
  ttrMs?: number;
  hintsUsed: number;
  explanation: string[];
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The run's score, with each number explained for the report. */
export function scoreRun(s: Scenario, input: ScoreInput): Score {
  const resilience = input.probes.length ? (100 * input.probes.filter(Boolean).length) / input.probes.length : 100;
  const done = input.tasks.length ? (100 * input.tasks.filter((t) => t.passed).length) / input.tasks.length : 100;
  const failed = input.tasks.reduce((n, t) => n + t.failedAttempts, 0);
  const response = Math.max(0, done - 10 * failed - 5 * input.hintCost);
  const w = s.scoring;
  const total = w.resilience + w.response > 0 ? (w.resilience * resilience + w.response * response) / (w.resilience + w.response) : 0;
  const round = (n: number): number => Math.round(n * 10) / 10;
  const hintsUsed = input.hintsUsed ?? 0;
  return {
    total: round(total),
    resilience: round(resilience),
    response: round(response),
    ...(input.ttdMs !== undefined ? { ttdMs: input.ttdMs } : {}),
    ...(input.ttrMs !== undefined ? { ttrMs: input.ttrMs } : {}),
    hintsUsed,
    explanation: [
      `resilience ${round(resilience)}: ${input.probes.filter(Boolean).length} of ${input.probes.length} final probes held`,
      `response ${round(response)}: ${input.tasks.filter((t) => t.passed).length} of ${input.tasks.length} tasks done, ${failed} failed checks (-10 each), hints costing ${input.hintCost} (-5 per point)`,
      `total ${round(total)} = (${w.resilience} × resilience + ${w.response} × response) / ${w.resilience + w.response}`,
      input.ttdMs !== undefined
        ? `time to detect ${secs(input.ttdMs)}: from the first fault to the detection (a detecting task passed or the "Detected" mark)`
        : 'time to detect: not detected (no detecting task passed and no "Detected" mark)',
      input.ttrMs !== undefined
        ? `time to recover ${secs(input.ttrMs)}: from the first fault to the steady state holding again`
        : input.steadyBroke
          ? 'time to recover: the steady state did not come back before the end'
          : 'time to recover: the steady state never broke (sampled every 2 s)',
      `hints used: ${hintsUsed}`,
    ],
  };
}
