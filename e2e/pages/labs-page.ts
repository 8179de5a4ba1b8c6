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

  /** Stop asks first; its confirming button takes the focus, so Enter stops the lab. */
  async stop(): Promise<void> {
    await this.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await this.confirmation().getByRole('button', { name: 'Stop lab' }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The question a destructive action asks before it acts. */
  confirmation() {
    return this.page.getByRole('alertdialog');
  }

  /** Stop, Start or Restart one container from its row in the services table. */
  async serviceAction(action: 'Stop' | 'Start' | 'Restart', container: string): Promise<void> {
    await this.services().getByRole('button', { name: `${action} ${container}`, exact: true }).click();
  }

  timeline() {
    return this.page.getByRole('region', { name: 'Timeline' });
  }

  /** The timeline's entries, newest first, as their text. */
  async timelineEntries(): Promise<string[]> {
    return (await this.timeline().getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  async addNote(text: string): Promise<void> {
    await this.timeline().getByRole('textbox', { name: 'Note' }).fill(text);
    await this.timeline().getByRole('button', { name: 'Add note' }).click();
  }

  alertsInStatusBar() {
    return this.page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Alerts');
  }
}
