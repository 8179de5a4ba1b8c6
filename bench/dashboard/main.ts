/**
 * The dashboard bench, three parts:
 *
 *   1. decode and draw  a synthetic Prometheus answer of one 10,000-point series through the core's
 *                       path under Node (JSON.parse, decodeMatrix, the dispatcher's schema check, the
 *                       WebSocket message) and the renderer's in Chromium (the client's parse,
 *                       alignSeries, the renderer's UPlotChart), bundled from the real modules by esbuild.
 *   2. live CPU         a real `redis-streams` lab (`labdeck up`, LABDECK_HOME in a temp dir), left to
 *                       run until its Prometheus holds the whole range (5 min for "Last 5m"), then its
 *                       dashboard filled to 12 panels in the browser console (`labdeck serve` +
 *                       Chromium) at 1 s refresh; CPU of the serve process and the renderer over 60 s.
 *   3. heap             the same view: JS heap after forced GC at minute 1, then every minute to 10.
 *                       With the range already full, the data drawn stays the same size throughout.
 *
 * Usage: npx tsx bench/dashboard.ts [--points 10000] [--draws 100] [--width 1200] [--panels 12]
 *          [--refresh 1] [--range 5m] [--warm-minutes 5] [--cpu-seconds 60] [--minutes 10] [--lab redis-streams] [--no-live]
 *        (npm run bench:dashboard)
 *
 * The lab is named bench-dash and is taken down at the end, on error and on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { Aborted, aborter } from '../lab-up/abort';
import { cleanupAll, warnings } from '../lab-up/cleanup';
import { running } from '../lab-up/processes';
import { bench, type BenchOptions } from './bench';

const RANGE_MINUTES: Record<string, number> = { '5m': 5, '15m': 15, '1h': 60 };

const USAGE =
  'usage: npx tsx bench/dashboard.ts [--points 10000] [--draws 100] [--width 1200] [--panels 12] [--refresh 1|2|5] [--range 5m|15m|1h] [--warm-minutes <range>] [--cpu-seconds 60] [--minutes 10] [--lab redis-streams] [--no-live]\n';

let interrupts = 0;
function onSignal(sig: NodeJS.Signals): void {
  interrupts += 1;
  if (interrupts === 1) {
    process.stderr.write(`\n${sig}: stopping; taking the lab down…\n`);
    aborter.abort();
    for (const [child, { onInterrupt }] of running) if (onInterrupt) child.kill(onInterrupt);
  } else {
    process.stderr.write(`${sig} again: still cleaning up, please wait (kill -9 ${process.pid} to give up and leave the lab behind)\n`);
  }
}

function whole(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} wants a whole number ≥ ${min}, not ${v}`);
  return n;
}

/** The options from the command line; throws RangeError on bad usage. */
function options(): BenchOptions | undefined {
  const { values: v } = parseArgs({
    options: {
      points: { type: 'string', default: '10000' },
      draws: { type: 'string', default: '100' },
      width: { type: 'string', default: '1200' },
      panels: { type: 'string', default: '12' },
      refresh: { type: 'string', default: '1' },
      range: { type: 'string', default: '5m' },
      'warm-minutes': { type: 'string' },
      'cpu-seconds': { type: 'string', default: '60' },
      minutes: { type: 'string', default: '10' },
      lab: { type: 'string', default: 'redis-streams' },
      'no-live': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) return undefined;
  const refresh = whole('refresh', v.refresh, 1);
  if (refresh !== 1 && refresh !== 2 && refresh !== 5) throw new RangeError(`--refresh is one of the console's choices, 1, 2 or 5, not ${v.refresh}`);
  const range = v.range as '5m' | '15m' | '1h';
  if (!RANGE_MINUTES[range]) throw new RangeError(`--range is one of the console's choices, 5m, 15m or 1h, not ${v.range}`);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(v.lab!)) throw new RangeError(`--lab wants a built-in lab name, not ${v.lab}`);
  return {
    points: whole('points', v.points, 2),
    draws: whole('draws', v.draws, 1),
    width: whole('width', v.width, 100),
    panels: whole('panels', v.panels, 1),
    refreshSeconds: refresh,
    range,
    warmMinutes: v['warm-minutes'] === undefined ? RANGE_MINUTES[range] : whole('warm-minutes', v['warm-minutes'], 0),
    cpuSeconds: whole('cpu-seconds', v['cpu-seconds'], 5),
    minutes: whole('minutes', v.minutes, 1),
    lab: v.lab!,
    live: !v['no-live'],
  };
}

/** The whole bench: signal handling, the run, the clean-up whatever happened, and the exit code. */
export async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code = 1;
  try {
    const o = options();
    if (o) code = await bench(o);
    else {
      process.stdout.write(USAGE);
      code = 0;
    }
  } catch (e) {
    if (e instanceof Aborted || aborter.signal.aborted) code = 130;
    else if (e instanceof RangeError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${e.message}\n${USAGE}`);
      code = 2;
    } else process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  } finally {
    await cleanupAll();
    if (warnings.length && code !== 0) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  }
  process.exitCode = code;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
