import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options, as a pure function so a test can hold them to the house rules:
 * context isolation, sandbox, no Node in the renderer, web security on.
 */
export function windowOptions(preloadPath: string, opts: { dark?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Labdeck',
    show: false,
    backgroundColor: opts.dark ? '#14171c' : '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
    },
  };
}
