import type { Page } from 'playwright-core';

/** The Labs page and a lab's page, as a user works them. */
export class LabsPageObject {
  constructor(readonly page: Page) {}

  templateCard(title: string) {
    return this.page.getByRole('article', { name: title });
  }

  async start(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Start ${name}` }).click();
  }

  jobPanel(label: RegExp) {
    return this.page.getByRole('region', { name: label });
  }

  services() {
    return this.page.getByRole('table', { name: 'Services' });
  }

  labState() {
    return this.page.getByLabel('Lab state');
  }

  /** Service name → the state or health shown in its row. */
  async serviceStates(): Promise<Record<string, string>> {
    const rows = await this.services().getByRole('row').all();
    const out: Record<string, string> = {};
    for (const row of rows.slice(1)) {
      const cells = await row.getByRole('cell').allTextContents();
      out[cells[0].trim()] = cells[1].trim();
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.page.getByRole('button', { name: 'Stop' }).click();
  }
}
