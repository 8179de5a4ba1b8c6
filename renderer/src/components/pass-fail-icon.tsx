/**
 * A pass or fail mark drawn as inline SVG in the text's colour: emoji marks rendered as empty boxes
 * where no colour-emoji font is installed (a fresh Debian desktop, a training-room image).
 */
export function PassFailIcon({ ok, label }: { ok: boolean; label?: string }) {
  // an empty label: the words beside it say it already, so screen readers skip the mark
  const name = label === '' ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label ?? (ok ? 'passed' : 'failed') };
  return (
    <svg className={`pass-fail-icon ${ok ? 'ok' : 'bad'}`} viewBox="0 0 16 16" width="1em" height="1em" focusable="false" {...name}>
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      {ok ? (
        <path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <path d="M5.5 5.5l5 5m0-5l-5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      )}
    </svg>
  );
}
