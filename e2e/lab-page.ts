import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { labResources } from '../main/testing/docker-cli';
import { labApi } from './lab-api';
import type { RunningConsole } from './launch-console';

export interface LabPageOptions {
  template: string;
  lab: string;
  viewport: { width: number; height: number };
  /** Before the lab starts (e.g. a scenario file written into the console's data folder). */
  before?: () => void | Promise<void>;
  /** On the new page, before it opens the console (e.g. tapping its sockets). */
  prepare?: (page: Page) => Promise<void>;
}

/**
 * A suite's lab and page: the lab started through the console's API and healthy, a page at
 * `viewport` on the console; afterwards the page closed, the lab removed and nothing labelled left.
 */
export function useLabPage(c: { served: () => RunningConsole; browser: () => Browser }, o: LabPageOptions): () => Page {
  let page: Page | undefined;
  beforeAll(async () => {
    await o.before?.();
    await labApi(c.served()).up(o.template, o.lab);
    page = await c.browser().newPage({ viewport: o.viewport });
    await o.prepare?.(page);
    await page.goto(c.served().url);
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await labApi(c.served()).down(o.lab).catch(() => undefined);
    expect(labResources(o.lab)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 60_000);
  return () => page!;
}
