import type { PlanSummary } from '../../../main/api/schemas/labs';

const LEVEL: Record<PlanSummary['risks'][number]['level'], string> = { refused: 'Refused', trust: 'Needs trust', note: 'Note' };

/**
 * Before a template that is not trusted reaches the engine: every risk, per service, and the owner's
 * choice. A refused risk (the host's `/`, an engine socket, credentials, too many replicas) cannot be
 * accepted here; only the command line can name it.
 */
export function TrustDialog({ plan, onTrust, onCancel }: { plan: PlanSummary; onTrust: () => void; onCancel: () => void }) {
  const refused = plan.risks.some((r) => r.level === 'refused');
  return (
    <div className="trust-backdrop">
      <section role="dialog" aria-modal="true" aria-labelledby="trust-title" className="trust-dialog card">
        <h2 id="trust-title">Trust {plan.title}?</h2>
        <p className="muted mono">{plan.template}</p>
        <p>
          {refused
            ? 'This template asks for what gives a container the host. Labdeck refuses it here; remove those settings, or start it from the command line naming each one with --allow-engine-access.'
            : 'This template is not trusted yet. Read what its containers may do to this machine. Your trust is remembered for this content of the file; an edited file asks again.'}
        </p>
        <ul aria-label="Risks" className="risk-list">
          {plan.risks.map((r, i) => (
            <li key={i} className={`risk ${r.level}`}>
              <strong>{r.service}</strong> <span className={`pill ${r.level === 'refused' ? 'failed' : r.level === 'trust' ? 'degraded' : ''}`}>{LEVEL[r.level]}</span>{' '}
              <code>{r.setting}</code>: {r.message}
            </li>
          ))}
        </ul>
        <div className="row">
          <button type="button" onClick={onTrust} disabled={refused}>
            Trust and start
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </section>
    </div>
  );
}
