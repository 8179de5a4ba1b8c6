import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { floorRun } from './floor';
import { startConsole, type BenchConsole, type Renderer } from './console';
import { catThroughConsole, echoRoundTrips, openShell } from './measure';
import { emptyWay, reportLines, type TerminalBenchResults } from './report';
import { startTarget, stopTarget, type BenchTarget } from './target';

/**
 * bench/terminal: throughput of `cat` of a ~100 MB text file through Labdeck's terminal (exec →
 * core → /api/term WebSocket → xterm in Chromium, flow control on) against the floor (`docker exec
 * … cat` to /dev/null), interleaved; then keystroke echo round trips. Each renderer asked for
 * (`--renderers webgl,dom`) has a page of its own on the same console: WebGL (headless Chromium's
 * is SwiftShader, software) and xterm's DOM renderer (WebGL2 refused to that page, as without a
 * GPU). Prints a Markdown table.
 */
export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, mb: { type: 'string', default: '100' }, keys: { type: 'string', default: '200' }, renderers: { type: 'string', default: 'webgl,dom' }, chromium: { type: 'string', default: process.env.LABDECK_CHROMIUM ?? '/usr/bin/chromium' } } });
  const runs = Number(values.runs);
  const renderers = values.renderers.split(',').filter((x): x is Renderer => x === 'webgl' || x === 'dom');
  if (renderers.length === 0) throw new Error(`--renderers wants webgl, dom or both (comma-separated), not ${values.renderers}`);
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
    const pages = new Map<Renderer, Page>();
    for (const renderer of renderers) {
      const page = await ui.openPage(renderer);
      await openShell(page, target, renderer);
      pages.set(renderer, page);
    }
    const r: TerminalBenchResults = { target, floor: [], floorTty: [], ways: renderers.map(emptyWay) };
    for (let i = 0; i < runs; i++) {
      r.floor.push(await floorRun(target));
      r.floorTty.push(await floorRun(target, true).catch(() => NaN));
      const said = [`floor ${r.floor.at(-1)!.toFixed(2)} s`, `TTY ${r.floorTty.at(-1)!.toFixed(2)} s`];
      for (const way of r.ways) {
        const c = await catThroughConsole(ui, pages.get(way.renderer)!, target, i);
        if (c.bytes < target.fileBytes) throw new Error(`the ${way.renderer} page received ${c.bytes} bytes of ${target.fileBytes}`);
        way.seconds.push(c.seconds);
        way.cpu.push(c.cpu);
        said.push(`${way.renderer} ${c.seconds.toFixed(2)} s (${c.frames} frames, ${(c.bytes / c.frames / 1024).toFixed(1)} KiB each)`);
      }
      process.stderr.write(`run ${i + 1}/${runs}: ${said.join(', ')}\n`);
    }
    for (const way of r.ways) {
      way.echoMs = await echoRoundTrips(pages.get(way.renderer)!, Number(values.keys));
      way.echoAutomationMs = await echoRoundTrips(pages.get(way.renderer)!, Math.min(100, Number(values.keys)), true);
    }
    process.stdout.write(`${reportLines(r).join('\n')}\n`);
  } finally {
    await stop();
  }
}
