import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScenarioSearch } from './scenario-search';

describe('the scenario search field', () => {
  it('is a labelled search input in a search landmark, with a live count', () => {
    const html = renderToStaticMarkup(<ScenarioSearch query="redis" onQuery={() => {}} shown={3} total={17} />);
    expect(html).toMatch(/role="search"/);
    expect(html).toMatch(/<input type="search" aria-label="Search scenarios"[^>]*value="redis"/);
    expect(html).toMatch(/role="status"[^>]*>3 of 17 scenarios</);
  });
  it('says so when nothing matches', () => {
    const html = renderToStaticMarkup(<ScenarioSearch query=" banana " onQuery={() => {}} shown={0} total={17} />);
    expect(html).toContain('No scenario matches &quot;banana&quot;');
  });
});
