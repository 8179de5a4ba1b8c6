/** The query parameter of a console link's one-time code (CODE_PARAM in main/api/console-auth.ts; a test holds them equal). */
export const LINK_CODE_PARAM = 'code';

/**
 * Takes a link's one-time code out of the address bar at once, when the page's first script runs,
 * and returns it (null when there is none). Done before anything is awaited: a code still in the
 * address bar when the user (or a test) moves to `#/labs/x` would make that a full navigation,
 * dropping the page, and the half-made trade of a code that works only once with it.
 */
export function takeLinkCode(loc: Pick<Location, 'search' | 'pathname' | 'hash'> = location, hist: Pick<History, 'replaceState'> = history): string | null {
  const params = new URLSearchParams(loc.search);
  const code = params.get(LINK_CODE_PARAM);
  if (code === null) return null;
  params.delete(LINK_CODE_PARAM);
  const rest = params.toString();
  hist.replaceState(null, '', `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`);
  return code;
}
