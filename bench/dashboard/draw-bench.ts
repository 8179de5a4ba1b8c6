/**
 * The draw part in real Chromium: draw-page.tsx bundled with esbuild (React in production mode,
 * uPlot's CSS included), opened from a temp dir, fed the core's wire messages for a 10,000-point series.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../main/testing/requirements';
import { tempDirs } from '../lab-up/cleanup';
import { CHROMIUM_ARGS, ROOT } from './config';
import type { DrawSample } from './draw-page';

export interface DrawResults {
  first: DrawSample;
  samples: DrawSample[];
  points: number;
  chromium: string;
}

/** Bundles the page into a temp dir; returns its file URL. */
async function bundlePage(width: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labdeck-bench-draw-'));
  tempDirs.push(dir);
  await build({
    entryPoints: [join(ROOT, 'bench', 'dashboard', 'draw-page.tsx')],
    bundle: true,
    outdir: dir,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const html = `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="draw-page.css"><body style="margin:0"><div id="chart" style="width:${width}px"></div><script src="draw-page.js"></script>`;
  await writeFile(join(dir, 'index.html'), html);
  return pathToFileURL(join(dir, 'index.html')).href;
}

/** Draws `messages` in turn, `draws` times after the first, in a chart `width` CSS pixels wide. */
export async function drawBench(messages: string[], params: object, draws: number, width: number): Promise<DrawResults> {
  const url = await bundlePage(width);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: width + 40, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'drawBench' in window);
    const r = await page.evaluate(
      ([m, p, n]) => (window as unknown as { drawBench: (m: string[], p: object, n: number) => Promise<Omit<DrawResults, 'chromium'>> }).drawBench(m, p, n),
      [messages, params, draws] as const,
    );
    if (errors.length) throw new Error(`the draw page failed: ${errors.join('; ')}`);
    return { ...r, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}
