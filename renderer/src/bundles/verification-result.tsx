import type { BundleSummary } from '../../../main/api/schemas/bundles';
import type { Problem } from './upload-bundle';

const REFUSED: Record<string, string> = {
  BUNDLE_SIGNATURE: 'The signature is missing, altered, or made by a key this Labdeck does not trust.',
  BUNDLE_INVALID: 'The bundle is damaged or was tampered with: an entry does not match the signed manifest.',
};

/** What verification said about a bundle: who signed it, an unsigned warning, or why it was refused (with its code). */
export function VerificationResult({ summary, refused }: { summary?: BundleSummary; refused?: Problem }) {
  if (refused) {
    return (
      <section className="notice error" aria-label="Verification" role="alert">
        <h3>Refused ({refused.code})</h3>
        <p>{REFUSED[refused.code] ?? 'The bundle was not imported.'} Nothing was loaded or installed.</p>
        <pre className="mono error-message">{refused.message}</pre>
        {refused.hint ? <p>{refused.hint}</p> : null}
      </section>
    );
  }
  if (!summary) return null;
  return (
    <section className={summary.signed ? 'notice' : 'notice warning'} aria-label="Verification" role="status">
      <h3>{summary.signed ? `Signed by trusted key ${summary.keyId}` : 'Warning: not signed'}</h3>
      <p>
        {summary.signed
          ? `Every checksum matches the signed manifest${summary.trustedComment ? ` (${summary.trustedComment})` : ''}.`
          : 'Every checksum matches its manifest, but nothing proves who made this bundle: import unsigned bundles only from a source you trust.'}
      </p>
      <p className="muted">
        Labs: {summary.labs.join(', ') || '-'} · scenarios: {summary.scenarios.join(', ') || '-'} · {summary.images.length} images · made {summary.created} by Labdeck {summary.labdeckVersion}
      </p>
    </section>
  );
}
