import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../../main/api/schemas/audit';
import { AuditFindings } from './audit-findings';

const report: AuditReport = {
  source: 'lab',
  subject: 'shop',
  services: ['web', 'db'],
  findings: [
    { service: 'web', check: 'non-root-user', severity: 'high', setting: 'user', found: 'runs as root (user: root)', why: 'Root in the container is root on the host kernel.', fix: 'services:\n  web:\n    user: "10001:10001"' },
    { service: 'db', check: 'read-only-rootfs', severity: 'medium', setting: 'read_only', found: 'root filesystem is writable', why: 'w', fix: 'f', exception: 'writes its data in the image' },
  ],
  counts: { high: 1, medium: 0, low: 0, excepted: 1 },
  unusedExceptions: [],
};

describe('the Audit tab findings (rendered to HTML, no DOM)', () => {
  it('shows each open finding with severity, what was found, why, and the Compose fix; excepted ones with their reason', () => {
    const html = renderToStaticMarkup(<AuditFindings report={report} />);
    expect(html).toContain('1 high, 0 medium, 0 low · 1 excepted by the template · 2 services, as they run now');
    expect(html).toContain('<span class="pill severity-high">high</span> web: runs as root (user: root)');
    expect(html).toContain('Root in the container is root on the host kernel.');
    expect(html).toContain('<pre aria-label="Fix for web: non-root-user">services:\n  web:\n    user: &quot;10001:10001&quot;</pre>');
    expect(html).toMatch(/aria-label="Excepted by the template".*<td>db<\/td><td>read-only-rootfs<\/td><td>root filesystem is writable<\/td><td>writes its data in the image<\/td>/s);
  });

  it('says so when nothing is open', () => {
    const html = renderToStaticMarkup(<AuditFindings report={{ ...report, findings: [], counts: { high: 0, medium: 0, low: 0, excepted: 0 } }} />);
    expect(html).toContain('No open findings');
    expect(html).not.toContain('<article');
  });
});
