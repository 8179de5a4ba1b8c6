/** The printed table of the CLI start bench: median time and peak RSS per command, against the floor and the goal. */

export interface StartCase {
  name: string;
  /** Wall milliseconds, one per run. */
  ms: number[];
  /** Peak resident set in MB, one per run. */
  rssMb: number[];
  goalMs?: number;
  goalMb?: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `yes` when the median time and the peak RSS are both within their goals; `—` for the floor itself. */
export function met(c: StartCase): string {
  if (c.goalMs === undefined && c.goalMb === undefined) return '—';
  const timeOk = c.goalMs === undefined || median(c.ms) < c.goalMs;
  const rssOk = c.goalMb === undefined || Math.max(...c.rssMb) < c.goalMb;
  return timeOk && rssOk ? 'yes' : `NO${timeOk ? '' : ' (time)'}${rssOk ? '' : ' (memory)'}`;
}

export function reportLines(floor: StartCase, cases: StartCase[], runs: number, load: string): string[] {
  const f = median(floor.ms);
  const lines = [
    `## CLI start, ${runs} runs each, interleaved (load average before: ${load})`,
    '',
    '| command | median ms | × floor | peak RSS MB | goal | met |',
    '|---|---:|---:|---:|---|---|',
  ];
  for (const c of [floor, ...cases]) {
    const goal = [c.goalMs !== undefined ? `< ${c.goalMs} ms` : '', c.goalMb !== undefined ? `< ${c.goalMb} MB` : ''].filter(Boolean).join(', ') || 'floor';
    lines.push(`| ${c.name} | ${Math.round(median(c.ms))} | ${(median(c.ms) / f).toFixed(2)} | ${Math.max(...c.rssMb).toFixed(0)} | ${goal} | ${met(c)} |`);
  }
  return lines;
}
