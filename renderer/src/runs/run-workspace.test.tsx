import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunWorkspace } from './run-workspace';

describe('the run room workspace (rendered to HTML, no DOM)', () => {
  it('puts the instructions beside the terminal and the services, with a gutter a keyboard can reach', () => {
    const html = renderToStaticMarkup(<RunWorkspace instructions={<p>task one</p>} terminal={<p>the shell</p>} services={<p>the services</p>} />);
    const at = (s: string) => html.indexOf(s);
    expect(at('aria-label="Instructions"')).toBeGreaterThan(-1);
    expect(at('task one')).toBeLessThan(at('role="separator"'));
    expect(at('role="separator"')).toBeLessThan(at('the shell'));
    expect(at('the shell')).toBeLessThan(at('the services'));
    expect(html).toMatch(/role="separator"[^>]*tabindex="0"|tabindex="0"[^>]*role="separator"/);
    expect(html).toContain('aria-label="Resize the instructions (double-click folds them)"');
  });
});
