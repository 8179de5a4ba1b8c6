import type { Page } from 'playwright-core';

/** The Game days page as a user works it: pick a speed and a lab, start a scenario in a mode. */
export class GameDaysPageObject {
  constructor(readonly page: Page) {}

  scenario(title: string) {
    return this.page.getByRole('article', { name: title });
  }

  async start(name: string, title: string, o: { mode: 'training' | 'facilitated'; speed?: string; lab?: string }): Promise<void> {
    if (o.speed) await this.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: o.speed });
    const card = this.scenario(title);
    await card.waitFor({ timeout: 15_000 });
    if (o.lab) await card.getByRole('combobox', { name: `Lab for ${name}` }).selectOption(o.lab);
    await card.getByRole('button', { name: o.mode === 'training' ? `Start training: ${name}` : `Facilitated: ${name}` }).click();
  }

  inProgress() {
    return this.page.getByRole('region', { name: 'Runs in progress' });
  }
}
