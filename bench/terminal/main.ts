import { parseArgs } from 'node:util';
import { floorRun } from './floor';
import { startConsole, type BenchConsole } from './console';
import { catThroughConsole, echoRoundTrips, openShell } from './measure';
import { reportLines, type TerminalBenchResults } from './report';
import { startTarget, stopTarget, type BenchTarget } from './target';

/**
 * bench/terminal: throughput of `cat` of a ~100 MB text file through Labdeck's terminal (exec →
 * core → /api/term WebSocket → xterm in Chromium, flow control on) against the floor (`docker exec
 * … cat` to /dev/null), interleaved; then keystroke echo round trips. Prints a Markdown table.
 */
export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, mb: { type: 'string', default: '100' }, keys: { type: 'string', default: '200' }, chromium: { type: 'string', default: process.env.LABDECK_CHROMIUM ?? '/usr/bin/chromium' } } });
  const runs = Number(values.runs);
  let target: BenchTarget | undefined;
  let ui: BenchConsole | undefined;
  const stop = async (): Promise<void> => {
    await ui?.close().catch(() => undefined);
    stopTarget(target);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    process.stderr.write(`writing a ${values.mb} MB file into a labelled lab/toolbox:1 container…\n`);
    target = startTarget(Number(values.mb));
    ui = await startConsole(values.chromium);
    await openShell(ui.page, target);
    const r: TerminalBenchResults = { target, floor: [], floorTty: [], labdeck: [], cpu: [], echoMs: [], echoAutomationMs: [] };
    for (let i = 0; i < runs; i++) {
      r.floor.push(await floorRun(target));
      r.floorTty.push(await floorRun(target, true).catch(() => NaN));
      const c = await catThroughConsole(ui, target, i);
      if (c.bytes < target.fileBytes) throw new Error(`the page received ${c.bytes} bytes of ${target.fileBytes}`);
      r.labdeck.push(c.seconds);
      r.cpu.push(c.cpu);
      process.stderr.write(`run ${i + 1}/${runs}: floor ${r.floor.at(-1)!.toFixed(2)} s, TTY ${r.floorTty.at(-1)!.toFixed(2)} s, labdeck ${c.seconds.toFixed(2)} s (${c.frames} frames, ${(c.bytes / c.frames / 1024).toFixed(1)} KiB each)\n`);
    }
    r.echoMs = await echoRoundTrips(ui.page, Number(values.keys));
    r.echoAutomationMs = await echoRoundTrips(ui.page, Math.min(100, Number(values.keys)), true);
    process.stdout.write(`${reportLines(r).join('\n')}\n`);
  } finally {
    await stop();
  }
}
