import type { Page } from 'playwright-core';

/** The run room as a learner or facilitator sees it: state, briefing, tasks, timeline, facilitator controls, result. */
export class RunRoomPageObject {
  constructor(readonly page: Page) {}

  /** The run's id, from the address (#/game-days/<run>). */
  runId(): string {
    return decodeURIComponent(new URL(this.page.url()).hash.split('/')[2] ?? '');
  }

  async state(): Promise<string> {
    return ((await this.page.getByLabel('Run state').textContent()) ?? '').trim();
  }

  briefing() {
    return this.page.getByRole('region', { name: 'Briefing' });
  }

  task(id: string) {
    return this.page.getByRole('article', { name: new RegExp(`^Task \\d+: ${id}$`) });
  }

  async check(id: string): Promise<void> {
    await this.task(id).getByRole('button', { name: `Check ${id}` }).click();
  }

  /** Presses Check and waits until the journal has its verdict (a new "Check <id> passed/failed" on the timeline); returns the result shown. */
  async checkOnce(id: string, timeoutMs = 30_000): Promise<string> {
    const verdicts = async () => (await this.timeline()).filter((t) => new RegExp(`Check ${id} (passed|failed)`).test(t)).length;
    const before = await verdicts();
    await this.check(id);
    const end = Date.now() + timeoutMs;
    while ((await verdicts()) <= before) {
      if (Date.now() > end) throw new Error(`no verdict for check ${id} in ${timeoutMs} ms`);
      await this.page.waitForTimeout(200);
    }
    await this.page.waitForTimeout(300); // the act's reply lands after its event
    return (await this.checkResult(id).textContent()) ?? '';
  }

  checkResult(id: string) {
    return this.task(id).getByRole('status', { name: `Check result of ${id}` });
  }

  hints(id: string) {
    return this.task(id).getByRole('list', { name: `Hints for ${id}` }).getByRole('listitem');
  }

  /** The timeline's entries, newest first. */
  timeline(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Run events' }).getByRole('listitem').allTextContents();
  }

  async addNote(role: string, text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a note' });
    await form.getByRole('combobox', { name: 'Role' }).selectOption(role);
    await form.getByRole('textbox', { name: 'Note' }).fill(text);
    await form.getByRole('button', { name: 'Add note' }).click();
  }

  button(name: string | RegExp) {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  openShell(container: string) {
    return this.page.getByRole('region', { name: 'Lab services' }).getByRole('button', { name: `Open shell in ${container}` }).click();
  }

  facilitator() {
    return this.page.getByRole('region', { name: 'Facilitator controls' });
  }

  /** Abort run asks first; Abort now does it. */
  async abort(): Promise<void> {
    await this.facilitator().getByRole('button', { name: 'Abort run' }).click();
    await this.facilitator().getByRole('alertdialog').getByRole('button', { name: 'Abort now' }).click();
  }

  async faultStatus(id: string): Promise<string> {
    return ((await this.facilitator().getByLabel(`Status of fault ${id}`).textContent()) ?? '').trim();
  }

  result() {
    return this.page.getByRole('region', { name: 'Result' });
  }

  async score(): Promise<string> {
    return ((await this.result().getByLabel('Score', { exact: true }).textContent()) ?? '').trim();
  }

  verdicts() {
    return this.result().getByRole('table', { name: 'Verdicts' }).getByRole('row');
  }

  report() {
    return this.page.getByRole('region', { name: 'Report' });
  }
}
