import type { Page } from 'playwright-core';

/** A lab's dashboard as a user reads it: panels by title, their points, the big numbers. */
export class DashboardPageObject {
  constructor(readonly page: Page) {}

  /** The dashboard shown, by title; by default the lab's overview (titled `<lab title>: overview`). */
  dashboard(title: string | RegExp = /^Dashboard .*: overview$/) {
    return this.page.getByRole('region', { name: typeof title === 'string' ? `Dashboard ${title}` : title });
  }

  panel(title: string) {
    return this.dashboard().getByRole('region', { name: title, exact: true });
  }

  /** How many points the panel's chart draws (its `data-points`), 0 before its first answer. */
  async points(title: string): Promise<number> {
    return Number((await this.panel(title).getAttribute('data-points')) ?? 0);
  }

  async statText(title: string): Promise<string> {
    return ((await this.panel(title).getByTestId('stat-value').textContent()) ?? '').trim();
  }

  /** The panel's own error line, if it shows one. */
  async panelError(title: string): Promise<string | null> {
    const alert = this.panel(title).getByRole('alert');
    return (await alert.count()) ? await alert.textContent() : null;
  }

  /** Whether the panel holds a uPlot canvas the size of something a person can read. */
  async hasCanvas(title: string): Promise<boolean> {
    const box = await this.panel(title).locator('canvas').first().boundingBox();
    return !!box && box.width > 100 && box.height > 100;
  }

  async pick(control: 'Range' | 'Refresh' | 'Service', label: string): Promise<void> {
    await this.dashboard().getByRole('combobox', { name: control }).selectOption({ label });
  }

  containers() {
    return this.dashboard().getByRole('table', { name: 'Containers' });
  }
}
