/**
 * Whether this page's WebGL is drawn in software (SwiftShader, llvmpipe: no GPU, or a blocked one).
 * There xterm's WebGL renderer is slower than its DOM renderer (measured: a third of the DOM
 * renderer's throughput on SwiftShader), so terminals stay on DOM unless the user asks for WebGL.
 */

export type RendererPreference = 'auto' | 'webgl' | 'dom';

/** localStorage key: 'webgl' forces xterm's WebGL renderer, 'dom' its DOM renderer; unset is auto. */
export const RENDERER_KEY = 'labdeck.terminal.renderer';

export function rendererPreference(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): RendererPreference {
  const v = storage?.getItem(RENDERER_KEY);
  return v === 'webgl' || v === 'dom' ? v : 'auto';
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** A GL renderer name that is a software rasteriser. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/** The GL renderer's name as the driver gives it (WEBGL_debug_renderer_info), or null when WebGL2 is missing. */
export function glRendererName(doc: Pick<Document, 'createElement'> = document): string | null {
  const gl = doc.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/**
 * Why terminals should not use WebGL here, or null when they should: the user chose DOM, or (auto)
 * WebGL is drawn in software.
 */
export function webglRefusal(pref: RendererPreference, rendererName: () => string | null): string | null {
  if (pref === 'dom') return 'the DOM renderer was chosen in this browser';
  if (pref === 'webgl') return null;
  const name = rendererName();
  if (name === null) return null; // let the addon's own load fail and say so
  return isSoftwareRenderer(name) ? `WebGL here is drawn in software (${name}), slower than the DOM renderer` : null;
}
