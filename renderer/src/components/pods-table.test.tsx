import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../../main/api/schemas/clusters';
import { PodsTable } from './pods-table';

const pods: PodSummary[] = [
  { namespace: 'shop', name: 'web-1', status: 'Running', phase: 'Running', ready: 2, containers: ['web', 'proxy'], restarts: 1, node: 'k3d-lab-server-0' },
  { namespace: 'shop', name: 'web-2', status: 'CrashLoopBackOff', phase: 'Running', ready: 0, containers: ['web'], restarts: 7 },
];

describe('the pods table (rendered to HTML, no DOM)', () => {
  it('shows each pod with ready, status pill, restarts and node, and Open shell / Logs per row; no shell into a pod that is not running', () => {
    const html = renderToStaticMarkup(<PodsTable pods={pods} onShell={() => undefined} onLogs={() => undefined} />);
    expect(html).toContain('aria-label="Pods"');
    expect(html).toMatch(/<td>shop<\/td><td title="web, proxy">web-1<\/td><td>2\/2<\/td><td><span class="pill running">Running<\/span><\/td><td>1<\/td><td>k3d-lab-server-0<\/td>/);
    expect(html).toContain('<span class="pill unhealthy">CrashLoopBackOff</span>');
    expect(html).toContain('<button type="button" aria-label="Open shell in shop/web-1">Open shell</button>');
    expect(html).toContain('<button type="button" aria-label="Open shell in shop/web-2" disabled="">Open shell</button>');
    expect(html).toContain('aria-label="Logs of shop/web-2"');
  });

  it('has no actions column when no actions are given', () => {
    const html = renderToStaticMarkup(<PodsTable pods={pods} />);
    expect(html).not.toContain('Actions');
    expect(html).not.toContain('<button');
  });
});
