import { describe, expect, it } from 'vitest';
import { windowOptions } from './window-options';

describe('windowOptions', () => {
  const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences!;

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('loads the given preload and nothing else', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(Object.keys(prefs).filter((k) => /preload/i.test(k))).toEqual(['preload']);
  });

  it('matches the theme while loading so the window does not flash', () => {
    expect(windowOptions('p', { dark: true }).backgroundColor).not.toBe(windowOptions('p', { dark: false }).backgroundColor);
    expect(windowOptions('p').show).toBe(false);
  });
});
