export type RendererKind = 'webgl' | 'dom';

/**
 * Which renderer a terminal gets: xterm's WebGL renderer while it is visible, its DOM renderer
 * otherwise. One WebGL context per visible terminal and never more than `max` (Chromium drops the
 * oldest context past ~16, taking some other terminal's screen with it). A failed load (no WebGL2
 * here, the chunk did not load) is remembered for every later terminal of this page: a failure costs
 * one try, not one per tab. A lost context is not: only that terminal falls back, until it is shown
 * again (a GPU reset passes; the next terminal tries WebGL as before).
 */
export class RendererPolicy {
  private broken = false;
  private readonly holders = new Set<string>();
  private readonly lost = new Set<string>();

  constructor(private readonly max = 8) {}

  /** The renderer terminal `id` should have now, being visible or not. */
  want(id: string, visible: boolean): RendererKind {
    if (!visible) {
      this.lost.delete(id);
      return 'dom';
    }
    if (this.broken || this.lost.has(id)) return 'dom';
    if (this.holders.has(id)) return 'webgl';
    return this.holders.size < this.max ? 'webgl' : 'dom';
  }

  /** `id` now holds a WebGL context. */
  acquired(id: string): void {
    this.holders.add(id);
  }

  /** `id` disposed its WebGL renderer (hidden, closed). */
  released(id: string): void {
    this.holders.delete(id);
  }

  /** Loading WebGL failed for `id`: the DOM renderer from now on, for every terminal. */
  loadFailed(id: string): void {
    this.broken = true;
    this.holders.delete(id);
  }

  /** The browser took `id`'s context away: DOM for it while it stays visible. */
  contextLost(id: string): void {
    this.holders.delete(id);
    this.lost.add(id);
  }

  /** WebGL contexts held now. */
  get contexts(): number {
    return this.holders.size;
  }

  get webglBroken(): boolean {
    return this.broken;
  }
}

/** The page's one policy: every terminal tab shares its count and its memory of a failure. */
export const rendererPolicy = new RendererPolicy();
