import type { AuditReport } from '../../../main/api/schemas/audit';

/** The audit's findings: open ones with why and the Compose fix, then those the template explains. */
export function AuditFindings({ report }: { report: AuditReport }) {
  const open = report.findings.filter((f) => !f.exception);
  const excepted = report.findings.filter((f) => f.exception);
  const c = report.counts;
  return (
    <section aria-label="Audit findings">
      <p role="status">
        {open.length ? `${c.high} high, ${c.medium} medium, ${c.low} low` : 'No open findings'}
        {c.excepted ? ` · ${c.excepted} excepted by the template` : ''} · {report.services.length} services, as they run now
      </p>
      {open.map((f) => (
        <article key={`${f.service}/${f.check}`} className="audit-finding" aria-label={`${f.service}: ${f.check}`}>
          <h3>
            <span className={`pill severity-${f.severity}`}>{f.severity}</span> {f.service}: {f.found}
          </h3>
          <p>
            <code>{f.setting}</code> — {f.why}
          </p>
          <pre aria-label={`Fix for ${f.service}: ${f.check}`}>{f.fix}</pre>
        </article>
      ))}
      {excepted.length ? (
        <table aria-label="Excepted by the template">
          <thead>
            <tr>
              <th>Service</th>
              <th>Check</th>
              <th>Found</th>
              <th>Why it is kept</th>
            </tr>
          </thead>
          <tbody>
            {excepted.map((f) => (
              <tr key={`${f.service}/${f.check}`}>
                <td>{f.service}</td>
                <td>{f.check}</td>
                <td>{f.found}</td>
                <td>{f.exception}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
