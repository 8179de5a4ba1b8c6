import type { ITerminalAddon, Terminal } from '@xterm/xterm';
import { rendererPolicy, type RendererKind, type RendererPolicy } from './renderer-policy';
import { glRendererName, rendererPreference, webglRefusal } from './software-gl';

/** What this file needs of xterm's WebglAddon. */
export interface WebglAddonLike extends ITerminalAddon {
  onContextLoss(listener: () => void): { dispose(): void };
}
export type LoadWebgl = () => Promise<new () => WebglAddonLike>;

let webglModule: Promise<new () => WebglAddonLike> | undefined;
/**
 * Its own chunk, requested when the first terminal is shown (not with xterm, not at start); refused
 * (DOM for every terminal) where WebGL is software or the user chose DOM (see software-gl.ts).
 */
const loadWebgl: LoadWebgl = () =>
  (webglModule ??= (async () => {
    const refusal = webglRefusal(rendererPreference(), () => glRendererName());
    if (refusal) throw new Error(refusal);
    return (await import('@xterm/addon-webgl')).WebglAddon;
  })());

/**
 * One terminal's renderer: xterm's WebGL renderer while the terminal is visible (as the policy
 * allows), its DOM renderer otherwise. Loaded after `open()` (the addon needs the terminal's
 * element). Hidden, the addon is disposed and its context lost at once: the addon leaves the context
 * to the garbage collector, and Chromium counts it against its limit until then. A load that throws
 * (no WebGL2) makes the policy use DOM for every later terminal; a lost context disposes only the
 * addon. `switched` runs after each change, for a refit: WebGL and DOM measure cells differently.
 */
export class TerminalRenderer {
  private addon: WebglAddonLike | null = null;
  private contexts: WebGL2RenderingContext[] = [];
  private turn = 0;
  private disposed = false;
  kind: RendererKind = 'dom';

  constructor(
    private readonly id: string,
    private readonly term: Pick<Terminal, 'loadAddon' | 'element'>,
    private readonly switched: (kind: RendererKind) => void,
    private readonly policy: RendererPolicy = rendererPolicy,
    private readonly load: LoadWebgl = loadWebgl,
  ) {}

  /** The terminal was shown or hidden. Resolves once the renderer it should have is in place. */
  async setVisible(visible: boolean): Promise<void> {
    const turn = ++this.turn;
    if (this.disposed || this.policy.want(this.id, visible) === 'dom') return this.drop();
    if (this.addon) return;
    let Addon: new () => WebglAddonLike;
    try {
      Addon = await this.load();
    } catch (e) {
      return this.failed(e);
    }
    // hidden or shown again meanwhile (the later call decides), or another terminal took the last slot
    if (turn !== this.turn || this.disposed || this.addon || this.policy.want(this.id, true) !== 'webgl') return;
    const before = new Set(this.term.element?.querySelectorAll('canvas') ?? []);
    const addon = new Addon();
    try {
      this.term.loadAddon(addon);
    } catch (e) {
      disposeQuietly(addon);
      return this.failed(e);
    }
    addon.onContextLoss(() => this.lost(addon));
    this.addon = addon;
    // the canvases the addon added; asking one for its webgl2 context returns the one it has
    const added = [...(this.term.element?.querySelectorAll('canvas') ?? [])].filter((c) => !before.has(c));
    this.contexts = added.map((c) => c.getContext('webgl2')).filter((gl) => gl !== null);
    this.policy.acquired(this.id);
    this.changed('webgl');
  }

  /** The terminal is closed: give the context back, load nothing later. */
  dispose(): void {
    this.disposed = true;
    this.turn++;
    this.drop();
  }

  private drop(): void {
    const addon = this.addon;
    if (!addon) return;
    this.addon = null;
    disposeQuietly(addon);
    for (const gl of this.contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.contexts = [];
    this.policy.released(this.id);
    this.changed('dom');
  }

  private lost(addon: WebglAddonLike): void {
    if (this.addon !== addon) return;
    this.addon = null;
    this.contexts = [];
    disposeQuietly(addon);
    this.policy.contextLost(this.id);
    this.changed('dom');
  }

  private failed(e: unknown): void {
    if (!this.policy.webglBroken) console.warn(`Terminals draw with the DOM renderer: ${e instanceof Error ? e.message : String(e)}`);
    this.policy.loadFailed(this.id);
    this.changed('dom');
  }

  private changed(kind: RendererKind): void {
    this.kind = kind;
    this.switched(kind);
  }
}

function disposeQuietly(addon: ITerminalAddon): void {
  try {
    addon.dispose();
  } catch {
    // an addon whose activation threw may throw again on its way out; it holds nothing by then
  }
}
