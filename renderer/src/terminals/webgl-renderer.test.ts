import { describe, expect, it, vi } from 'vitest';
import type { ITerminalAddon } from '@xterm/xterm';
import { RendererPolicy } from './renderer-policy';
import { TerminalRenderer, type LoadWebgl, type WebglAddonLike } from './webgl-renderer';

/** A WebglAddon stand-in: records what xterm would do with it; `throws` as activate does without WebGL2. */
function fakeAddon(log: string[], opts: { throws?: boolean } = {}) {
  let lose: (() => void) | undefined;
  class Addon implements WebglAddonLike {
    activate(): void {
      if (opts.throws) throw new Error('WebGL2 not supported');
    }
    dispose(): void {
      log.push('dispose');
    }
    onContextLoss(l: () => void) {
      lose = l;
      return { dispose: () => undefined };
    }
  }
  return { Addon, loseContext: () => lose?.() };
}

function setup(opts: { throws?: boolean; load?: LoadWebgl; policy?: RendererPolicy } = {}) {
  const log: string[] = [];
  const fake = fakeAddon(log, opts);
  const term = {
    element: undefined,
    loadAddon: (a: ITerminalAddon) => {
      log.push('load');
      a.activate(undefined as never);
    },
  };
  const switched: string[] = [];
  const policy = opts.policy ?? new RendererPolicy();
  const make = (id: string) => new TerminalRenderer(id, term, (k) => switched.push(k), policy, opts.load ?? (async () => fake.Addon));
  return { log, switched, policy, make, fake };
}

describe('a terminal on the WebGL renderer', () => {
  it('loads WebGL when shown, disposes it when hidden, and says so each time (for a refit)', async () => {
    const { log, switched, policy, make } = setup();
    const r = make('a');
    await r.setVisible(true);
    expect(r.kind).toBe('webgl');
    expect(policy.contexts).toBe(1);
    await r.setVisible(true); // a second report while shown: nothing new
    expect(log).toEqual(['load']);
    await r.setVisible(false);
    expect(r.kind).toBe('dom');
    expect(policy.contexts).toBe(0);
    expect(log).toEqual(['load', 'dispose']);
    expect(switched).toEqual(['webgl', 'dom']);
  });

  it('does not load WebGL into a terminal hidden while the addon was still loading', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { log, policy, make, fake } = setup({ load: async () => (await gate, fake.Addon) });
    const r = make('a');
    const shown = r.setVisible(true);
    await r.setVisible(false);
    release();
    await shown;
    expect(log).toEqual([]);
    expect(policy.contexts).toBe(0);
    expect(r.kind).toBe('dom');
  });

  it('falls back to the DOM renderer when WebGL will not load, and later terminals do not try', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { log, switched, policy, make } = setup({ throws: true });
    const a = make('a');
    await a.setVisible(true);
    expect(a.kind).toBe('dom');
    expect(policy.webglBroken).toBe(true);
    expect(log).toEqual(['load', 'dispose']);
    const b = make('b');
    await b.setVisible(true);
    expect(b.kind).toBe('dom');
    expect(log).toEqual(['load', 'dispose']); // b never loaded the addon
    expect(switched).toEqual(['dom']);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('falls back when the addon chunk does not load', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { policy, make } = setup({ load: () => Promise.reject(new Error('chunk failed')) });
    const a = make('a');
    await a.setVisible(true);
    expect(a.kind).toBe('dom');
    expect(policy.webglBroken).toBe(true);
    vi.restoreAllMocks();
  });

  it('on a lost context disposes only the addon: the terminal goes on in DOM, the next one tries WebGL', async () => {
    const { log, switched, policy, make, fake } = setup();
    const a = make('a');
    await a.setVisible(true);
    fake.loseContext();
    expect(a.kind).toBe('dom');
    expect(log).toEqual(['load', 'dispose']);
    expect(policy.contexts).toBe(0);
    expect(policy.webglBroken).toBe(false);
    expect(switched).toEqual(['webgl', 'dom']);
    await a.setVisible(true); // still visible: stays DOM
    expect(a.kind).toBe('dom');
    const b = make('b');
    await b.setVisible(true);
    expect(b.kind).toBe('webgl');
    await a.setVisible(false);
    await a.setVisible(true); // shown again: tries again
    expect(a.kind).toBe('webgl');
    expect(policy.contexts).toBe(2);
  });

  it('never holds more contexts than the cap, and a closed terminal gives its context back', async () => {
    const { policy, make } = setup({ policy: new RendererPolicy(1) });
    const a = make('a');
    const b = make('b');
    await Promise.all([a.setVisible(true), b.setVisible(true)]);
    expect([a.kind, b.kind].sort()).toEqual(['dom', 'webgl']);
    expect(policy.contexts).toBe(1);
    const holder = a.kind === 'webgl' ? a : b;
    holder.dispose();
    expect(policy.contexts).toBe(0);
    await holder.setVisible(true); // a late report from a pane being torn down
    expect(holder.kind).toBe('dom');
    expect(policy.contexts).toBe(0);
  });
});
