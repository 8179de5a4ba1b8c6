/**
 * What the bench runs inside the console's page: the moment a condition first holds, seen by a
 * MutationObserver (no polling delay), in the page's own clock (performance.now(), 0 = navigation).
 */

/** A page and how the bench knows its first data is on screen. */
export interface PageProbe {
  /** The nav link's text and the page's h1. */
  name: string;
  /** A CSS selector that must match once the page shows data (besides its h1 and no "Loading…" text). */
  data?: string;
}

/** An init script: records in window.__labsCardsAt when the first template card is in the DOM. */
export const LABS_CARDS_INIT = `(() => {
  const seen = () => document.querySelector('main article') !== null;
  const mark = () => { if (!window.__labsCardsAt && seen()) { window.__labsCardsAt = performance.now(); obs.disconnect(); } };
  const obs = new MutationObserver(mark);
  obs.observe(document, { childList: true, subtree: true });
})();`;

/** In the page: resolves with window.__labsCardsAt once it is set (checked every 20 ms, up to 30 s). */
export const LABS_CARDS_AT = `new Promise((resolve, reject) => {
  const t0 = Date.now();
  const check = () => window.__labsCardsAt !== undefined ? resolve(window.__labsCardsAt)
    : Date.now() - t0 > 30000 ? reject(new Error('no template card in 30 s')) : setTimeout(check, 20);
  check();
})`;

/**
 * In the page: clicks the nav link `probe.name` and resolves with the milliseconds until its h1
 * shows, nothing under main says "Loading", and `probe.data` (if any) matches; rejects after
 * `probe.timeoutMs`. Source text, not a function: the bench runs under tsx, whose helpers
 * (`__name`) do not exist in the page.
 */
export const clickAndWait = (probe: PageProbe & { timeoutMs: number }): string => `(() => {
  const probe = ${JSON.stringify(probe)};
  const ready = () => {
    const main = document.querySelector('main');
    const h1 = main && main.querySelector('h1') && main.querySelector('h1').textContent.trim();
    if (!main || h1 !== probe.name) return false;
    if (/Loading/.test(main.textContent || '')) return false;
    return probe.data ? main.querySelector(probe.data) !== null : true;
  };
  const link = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent.trim() === probe.name);
  if (!link) return Promise.reject(new Error('no nav link ' + probe.name));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (ready()) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); }
    });
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error(probe.name + ': no data in ' + probe.timeoutMs + ' ms')); }, probe.timeoutMs);
    obs.observe(document, { childList: true, subtree: true, characterData: true });
    link.click();
  });
})()`;
