import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, installFakeElectron } from '../testing/fake-electron';

const electron = installFakeElectron({ userData: '/nonexistent/userData', appPath: '/nonexistent/app' });
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule());
const { hardenApp, hardenContents, hardenSession, isAppUrl } = await import('./security');
const { CONTENT_SECURITY_POLICY } = await import('../server/csp');

const INDEX = '/opt/Labdeck/resources/app.asar/out/renderer/index.html';
const APP = pathToFileURL(INDEX).href;

describe('isAppUrl', () => {
  it('accepts the renderer page itself, with a route in its hash or query', () => {
    expect(isAppUrl(APP, INDEX)).toBe(true);
    expect(isAppUrl(`${APP}#/labs`, INDEX)).toBe(true);
    expect(isAppUrl(`file://localhost${INDEX}`, INDEX)).toBe(true);
  });

  it('refuses the same path on another host, other files, and other schemes', () => {
    for (const url of [
      `file://evil.example${INDEX}`,
      `file://192.168.1.10${INDEX}`,
      pathToFileURL('/opt/Labdeck/resources/app.asar/out/renderer/other.html').href,
      `https://evil.example${INDEX}`,
      `http://127.0.0.1${INDEX}`,
      'about:blank',
      'not a url',
    ]) {
      expect(isAppUrl(url, INDEX), url).toBe(false);
    }
  });
});

describe('window security', () => {
  it('denies every permission request and check, and puts the CSP on every response', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequest!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheck!({}, permission), permission).toBe(false);
    }
    let headers: Record<string, string[]> | undefined;
    session.headersReceived!({ responseHeaders: { 'Content-Security-Policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] });
  });

  it('lets the window navigate only to its own page; redirects and webviews are refused', () => {
    const contents = new FakeWebContents();
    hardenContents(contents as never, INDEX);
    expect(contents.cancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.cancellable('will-navigate', `file://evil.example${INDEX}`)).toBe(true);
    expect(contents.cancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.cancellable('will-navigate', `${APP}#/runs`)).toBe(false);
    expect(contents.cancellable('will-redirect', APP)).toBe(true);
    expect(contents.cancellable('will-attach-webview', {}, {})).toBe(true);
  });

  it('never opens a window; an allow-listed https link goes to the user browser, any other link nowhere', async () => {
    const contents = new FakeWebContents();
    hardenContents(contents as never, INDEX);
    for (const url of ['https://docs.docker.com/engine/install/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', APP]) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(electron.shell.opened).toEqual(['https://docs.docker.com/engine/install/']);
  });

  it('holds every web contents the app ever makes (a frame, a devtools page) to the same denials', () => {
    hardenApp();
    const other = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    expect(other.cancellable('will-attach-webview', {}, {})).toBe(true);
  });
});
