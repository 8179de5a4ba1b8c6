import type { Page } from 'playwright-core';

export const NAV = ['Labs', 'Game days', 'Terminals', 'History', 'Settings'] as const;

/** The Labdeck window as a user sees it, for the browser console and the Electron window alike. */
export class ConsolePage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(`${String(e)}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`));
  }

  nav(name: (typeof NAV)[number]) {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  engineStatus() {
    return this.page.getByRole('status', { name: 'Engine status' });
  }

  async engineVersion(timeoutMs = 15_000): Promise<string> {
    const version = this.page.getByTestId('engine-version');
    await version.waitFor({ timeout: timeoutMs });
    return (await version.textContent()) ?? '';
  }

  async open(name: (typeof NAV)[number]): Promise<void> {
    await this.nav(name).click();
    await this.heading().filter({ hasText: name }).waitFor();
  }

  async setTheme(label: 'Light' | 'Dark' | 'Follow the system'): Promise<void> {
    await this.open('Settings');
    await this.page.getByRole('combobox', { name: 'Theme' }).selectOption({ label });
  }

  /** Saves an engine endpoint in Settings; null picks automatic discovery. */
  async pickEndpoint(endpoint: string | null): Promise<void> {
    await this.open('Settings');
    const form = this.page.getByRole('form', { name: 'Engine endpoint' });
    if (endpoint === null) {
      await form.getByRole('radio', { name: /Discover automatically/ }).check();
    } else {
      await form.getByRole('radio', { name: 'Other' }).check();
      await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(endpoint);
    }
    await form.getByRole('button', { name: 'Save endpoint' }).click();
    // a new endpoint from the console is applied only once confirmed in the dialog naming it
    if (endpoint !== null) await this.confirmEndpoint(endpoint);
    await form.getByRole('status').waitFor();
  }

  /** The dialog that asks before the engine endpoint changes; it names the endpoint. */
  endpointDialog() {
    return this.page.getByRole('dialog', { name: 'Use this engine?' });
  }

  async confirmEndpoint(endpoint: string): Promise<void> {
    const dialog = this.endpointDialog();
    await dialog.getByText(endpoint, { exact: true }).waitFor();
    await dialog.getByRole('button', { name: `Use ${endpoint}` }).click();
  }

  theme(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.theme ?? null);
  }
}
