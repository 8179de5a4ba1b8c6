/** One bench: the decode and draw part, then (unless skipped) the live part, then the report. */
import Docker from 'dockerode';
import { RANGE_PARAMS, coreDecode } from './core-decode';
import { drawBench } from './draw-bench';
import { liveBench, type LiveOptions, type LiveResults } from './live-bench';
import { reportLines } from './report';

export interface BenchOptions extends LiveOptions {
  points: number;
  draws: number;
  width: number;
  live: boolean;
}

/** Runs the bench and prints the report on stdout; returns the exit code. */
export async function bench(o: BenchOptions): Promise<number> {
  const dockerVersion = o.live ? (await new Docker().version()).Version : 'not used';
  process.stderr.write(`decode: ${o.draws} runs of the core path for ${o.points} points…\n`);
  const core = await coreDecode(o.points, o.draws);
  process.stderr.write(`draw: ${o.draws} draws in Chromium…\n`);
  const draw = await drawBench(core.wires, RANGE_PARAMS, o.draws, o.width);
  let live: LiveResults | undefined;
  if (o.live) live = await liveBench(o);
  const out = reportLines({ points: o.points, width: o.width, core, draw, live, liveOptions: o, dockerVersion });
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
