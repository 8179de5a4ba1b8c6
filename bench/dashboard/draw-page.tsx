/**
 * The page Chromium runs for the draw part (bundled by esbuild from the renderer's own modules):
 * a wire message → the contract client's parse (JSON, ServerMessage, RangeResult) → `alignSeries`
 * → the renderer's `UPlotChart`, timed draw by draw. Exposes `window.drawBench`.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createClient, type Transport } from '../../main/api/client';
import { ServerMessage } from '../../main/api/wire';
import { alignSeries } from '../../renderer/src/dashboards/series-to-uplot';
import { UPlotChart } from '../../renderer/src/dashboards/uplot-chart';

export interface DrawSample {
  /** JSON.parse + ServerMessage + RangeResult parse, as the WebSocket transport and client do. */
  decode: number;
  /** `alignSeries`: the series onto uPlot's columnar arrays. */
  align: number;
  /** React render → uPlot setData (or new uPlot) → the last canvas call of its draw. */
  draw: number;
  /** `draw`, then one pixel read back from the chart's canvas, which makes Chromium rasterize the recorded path. */
  drawToPixels: number;
  /** Whether the draw was done within the render's own task (no task boundary inside `draw`). */
  sameTask: boolean;
}

// The end of a draw: the time of the last canvas call, whatever schedules it (React effect, uPlot's microtask).
let lastCanvasCall = 0;
const proto = CanvasRenderingContext2D.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const name of ['stroke', 'fill', 'fillText', 'clearRect']) {
  const original = proto[name];
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const r = original.apply(this, args);
    lastCanvasCall = performance.now();
    return r;
  };
}

let wire = '';
const transport: Transport = {
  kind: 'websocket',
  invoke: async () => {
    const parsed = ServerMessage.safeParse(JSON.parse(wire));
    if (!parsed.success) throw new Error('bad wire message');
    return parsed.data;
  },
  subscribe: () => () => undefined,
};
const client = createClient(transport);
const host = document.getElementById('chart')!;
const root = createRoot(host);
const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function drawOnce(message: string, params: Parameters<typeof client.api['labs.queryRange']>[0]): Promise<DrawSample> {
  wire = message;
  const t0 = performance.now();
  const result = await client.api['labs.queryRange'](params);
  const t1 = performance.now();
  const aligned = alignSeries(result.series);
  const t2 = performance.now();
  lastCanvasCall = 0;
  flushSync(() => root.render(<UPlotChart data={aligned} labels={result.series.map(() => 'rate')} unit="ops" stacked={false} syncKey="bench" height={300} />));
  // uPlot draws in a microtask after setData; one awaited microtask later its draw is done if React ran the effect synchronously.
  await Promise.resolve();
  const sameTask = lastCanvasCall !== 0;
  for (let i = 0; i < 20 && lastCanvasCall === 0; i++) await nextTask();
  if (lastCanvasCall === 0) throw new Error('the chart drew nothing');
  const drawnAt = lastCanvasCall;
  const canvas = host.querySelector('canvas')!;
  canvas.getContext('2d')!.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1);
  const t3 = performance.now();
  return { decode: t1 - t0, align: t2 - t1, draw: drawnAt - t2, drawToPixels: t3 - t2, sameTask };
}

/** `draws` timed draws of the messages in turn; the first one creates the chart and is returned apart. */
async function run(messages: string[], params: Parameters<typeof drawOnce>[1], draws: number): Promise<{ first: DrawSample; samples: DrawSample[]; points: number }> {
  const first = await drawOnce(messages[0], params);
  await new Promise((r) => setTimeout(r, 300)); // let the first resize settle
  const samples: DrawSample[] = [];
  for (let i = 0; i < draws; i++) {
    samples.push(await drawOnce(messages[(i + 1) % messages.length], params));
    await nextTask();
  }
  const points = (JSON.parse(messages[0]) as { result: { series: { points: unknown[] }[] } }).result.series.reduce((n, s) => n + s.points.length, 0);
  return { first, samples, points };
}

(window as unknown as { drawBench: typeof run }).drawBench = run;
