import type { Locator } from 'playwright-core';

/**
 * The WCAG contrast ratio of an element's text against the background it is drawn on: the nearest
 * opaque background up its ancestors, as the browser computed both. Translucent layers are taken as
 * opaque, which is right for the flat colours the console uses.
 */
export function contrastOf(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const rgb = (c: string): number[] | null => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return null;
      return [m[1], m[2], m[3]].map(Number);
    };
    const luminance = ([r, g, b]: number[]): number => {
      const lin = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const fg = rgb(getComputedStyle(node).color) ?? [0, 0, 0];
    let bg: number[] | null = null;
    for (let e: Element | null = node; e && !bg; e = e.parentElement) bg = rgb(getComputedStyle(e).backgroundColor);
    const [a, b] = [luminance(fg), luminance(bg ?? [255, 255, 255])].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}
