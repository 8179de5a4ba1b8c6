import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScenarioCard } from './scenario-card';

const cluster = { name: 'k8s-oomkilled', source: 'built-in' as const, title: 'OOMKilled in a loop', lab: 'k3s-small', unavailable: 'needs k3d: not installed' };

describe('a scenario card', () => {
  it('shows a scenario whose lab cannot start here, its Start buttons disabled and described by why', () => {
    const html = renderToStaticMarkup(<ScenarioCard s={cluster} labs={[]} busy={false} onStart={() => {}} />);
    expect(html).toContain('OOMKilled in a loop');
    const id = /id="([^"]+)" class="unavailable">needs k3d: not installed</.exec(html)?.[1];
    expect(id).toBeTruthy();
    for (const name of ['Start training: k8s-oomkilled', 'Facilitated: k8s-oomkilled']) {
      const button = new RegExp(`<button[^>]*aria-label="${name}"[^>]*>`).exec(html)?.[0] ?? '';
      expect(button).toContain('disabled=""');
      expect(button).toContain(`aria-describedby="${id}"`);
    }
    expect(html).not.toContain('Lab for k8s-oomkilled');
  });
  it('offers a startable scenario as before', () => {
    const html = renderToStaticMarkup(<ScenarioCard s={{ ...cluster, unavailable: undefined }} labs={[]} busy={false} onStart={() => {}} />);
    expect(html).not.toContain('disabled');
    expect(html).not.toContain('needs k3d');
  });
});
