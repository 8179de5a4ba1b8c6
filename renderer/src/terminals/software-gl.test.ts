import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, rendererPreference, RENDERER_KEY, webglRefusal } from './software-gl';

const storage = (v: string | null) => ({ getItem: (k: string) => (k === RENDERER_KEY ? v : null) });

describe('software WebGL', () => {
  it('knows the software rasterisers by their renderer names', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });

  it('keeps terminals on DOM with software GL unless WebGL is asked for; a hardware GPU gets WebGL', () => {
    const swiftshader = () => 'ANGLE (Google, SwiftShader Device)';
    expect(webglRefusal('auto', swiftshader)).toMatch(/software \(ANGLE \(Google, SwiftShader Device\)\)/);
    expect(webglRefusal('webgl', swiftshader)).toBeNull();
    expect(webglRefusal('auto', () => 'Apple M2')).toBeNull();
    expect(webglRefusal('dom', () => 'Apple M2')).toMatch(/DOM renderer was chosen/);
    expect(webglRefusal('auto', () => null)).toBeNull();
  });

  it('reads the preference, anything else is auto', () => {
    expect(rendererPreference(storage('webgl'))).toBe('webgl');
    expect(rendererPreference(storage('dom'))).toBe('dom');
    expect(rendererPreference(storage('fast'))).toBe('auto');
    expect(rendererPreference(storage(null))).toBe('auto');
    expect(rendererPreference(undefined)).toBe('auto');
  });
});
