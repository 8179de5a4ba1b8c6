import type { Page } from 'playwright-core';

/** History as a user works it: the runs table, picking two to compare. */
export class HistoryPageObject {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByRole('table', { name: 'Runs table' }).getByRole('row').filter({ has: this.page.getByRole('checkbox') });
  }

  /** The ids of the runs of a scenario (by its title), newest first. */
  async runIds(title: string): Promise<string[]> {
    const links = this.rows().getByRole('link', { name: title, exact: true });
    return (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) => decodeURIComponent(h.replace(/^#\/history\//, '')));
  }

  async pick(runId: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Pick ${runId} to compare` }).check();
  }

  compareButton() {
    return this.page.getByRole('button', { name: 'Compare', exact: true });
  }
}
