import type { Download, Page } from 'playwright-core';

/** The Bundles page (Import and Export) as a user works it. */
export class BundlesPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bundles', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Bundles', level: 1 }).waitFor();
  }

  exportForm() {
    return this.page.getByRole('form', { name: 'Export a bundle' });
  }

  async pick(name: string): Promise<void> {
    await this.exportForm().getByRole('checkbox', { name: new RegExp(`\\(${name}\\)`) }).check();
  }

  /** Makes a signing key on the page; returns its id as the page shows it. */
  async newSigningKey(): Promise<string> {
    await this.exportForm().getByRole('button', { name: 'New signing key' }).click();
    const made = this.exportForm().getByRole('status').filter({ hasText: 'Made key' });
    return /Made key ([0-9A-F]{16})/.exec((await made.textContent()) ?? '')![1];
  }

  async export(): Promise<void> {
    await this.exportForm().getByRole('button', { name: /^Export / }).click();
  }

  job(label: RegExp) {
    return this.page.getByRole('region', { name: label });
  }

  /** The job's lines, one per image (and the signature), as their text. */
  async progressLines(label: RegExp): Promise<string[]> {
    return (await this.job(label).getByRole('list', { name: 'Progress per image' }).getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  /** Clicks Download on the finished export and waits for the browser's download. */
  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.job(/^Exporting /).getByRole('button', { name: /^Download / }).click()]);
    return download;
  }

  async importFile(file: string, opts: { allowUnsigned?: boolean } = {}): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Import a bundle' });
    await form.getByLabel('Bundle file').setInputFiles(file);
    if (opts.allowUnsigned) await form.getByRole('checkbox', { name: 'Accept an unsigned bundle' }).check();
    await form.getByRole('button', { name: 'Verify and import' }).click();
  }

  verification() {
    return this.page.getByLabel('Verification', { exact: true });
  }
}
