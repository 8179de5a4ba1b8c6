import { SESSION_PATH, SESSION_STORAGE_KEY, SessionGrant } from '../../../main/api/console-auth';

export type SessionOutcome = { token: string } | { problem: string };

/**
 * The browser console's session. A link's code (`?code=`) is traded for a session token once, then
 * dropped from the address bar so history holds nothing reusable; the token lives in this tab's
 * sessionStorage (this origin and port only: a lab service on another port never sees it). A code
 * in the URL wins over a session the tab already holds, so the observer link opened in the owner's
 * own browser shows the observer's view.
 */
export async function consoleSession(code: string | null): Promise<SessionOutcome> {
  // the code was taken out of the address bar when the page started (takeLinkCode)
  if (code !== null) {
    sessionStorage.removeItem(SESSION_STORAGE_KEY);
    const res = await fetch(SESSION_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).catch(() => null);
    const body = res ? ((await res.json().catch(() => null)) as { ok?: boolean; result?: unknown } | null) : null;
    const grant = SessionGrant.safeParse(body?.result);
    if (!res?.ok || !grant.success) return { problem: 'This console link was already used, or belongs to another launch. Links work once: ask for a new one (`labdeck serve` prints one; the owner can open more).' };
    sessionStorage.setItem(SESSION_STORAGE_KEY, grant.data.token);
    return { token: grant.data.token };
  }
  const held = sessionStorage.getItem(SESSION_STORAGE_KEY);
  return held ? { token: held } : { problem: 'This console needs its link: open the URL that `labdeck serve` printed.' };
}
