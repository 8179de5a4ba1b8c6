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

  /** The dialog that lists a template's risks before it may start. */
  trustDialog() {
    return this.page.getByRole('dialog', { name: /^Trust / });
  }

  /** Each risk the dialog lists, as its text. */
  async risks(): Promise<string[]> {
    return (await this.trustDialog().getByRole('list', { name: 'Risks' }).getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  async trustAndStart(): Promise<void> {
    await this.trustDialog().getByRole('button', { name: 'Trust and start' }).click();
  }

  async cancelTrust(): Promise<void> {
    await this.trustDialog().getByRole('button', { name: 'Cancel' }).click();
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

  /** The Start button a stopped lab offers (after an engine restart). */
  startLabButton() {
    return this.page.getByRole('button', { name: 'Start', exact: true });
  }

  /** Why a stopped lab stopped, as the lab page says it. */
  stoppedReason() {
    return this.page.getByRole('status').filter({ hasText: 'Stopped:' });
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
