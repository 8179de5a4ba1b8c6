import { app, shell, type Session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../server/csp';
import { isAllowedExternalUrl } from './external-links';

/**
 * The app's own page: the packaged renderer's index.html on this machine, nothing else. The host
 * counts: `file://some-host/<same path>` is a file on another machine (a UNC share on Windows).
 */
export function isAppUrl(raw: string, rendererIndex: string): boolean {
  try {
    const url = new URL(raw);
    const index = pathToFileURL(rendererIndex);
    return url.protocol === 'file:' && url.host === index.host && url.pathname === index.pathname;
  } catch {
    return false;
  }
}

/** Deny by default: permissions, navigation away, new windows, webviews; CSP on every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenContents(contents: WebContents, rendererIndex: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererIndex)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenApp(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
