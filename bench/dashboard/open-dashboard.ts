/** Opens a lab's dashboard in the browser console as a user would: the lab page, the picker, the refresh. */
import type { Page } from 'playwright-core';

/** Navigates to the lab, picks the dashboard titled `title`, sets range and refresh; returns how many panels it shows. */
export async function openDashboard(page: Page, url: string, labId: string, title: string, refreshLabel: string, rangeLabel: string): Promise<number> {
  await page.goto(`${url.replace(/#.*$/, '')}#/labs/${labId}`);
  const picker = page.getByRole('combobox', { name: 'Dashboard' });
  await picker.waitFor({ timeout: 60_000 });
  await picker.selectOption({ label: title });
  const dashboard = page.getByRole('region', { name: `Dashboard ${title}`, exact: true });
  await dashboard.waitFor({ timeout: 30_000 });
  await dashboard.getByRole('combobox', { name: 'Range' }).selectOption({ label: rangeLabel });
  await dashboard.getByRole('combobox', { name: 'Refresh' }).selectOption({ label: refreshLabel });
  return dashboard.locator('section.dash-panel').count();
}

/** Panels of the dashboard with points drawn (their `data-points` > 0). */
export async function panelsWithPoints(page: Page, title: string): Promise<number> {
  const dashboard = page.getByRole('region', { name: `Dashboard ${title}`, exact: true });
  return dashboard.locator('section.dash-panel').evaluateAll((els) => els.filter((e) => Number(e.getAttribute('data-points') ?? 0) > 0).length);
}

/** Points all the panels draw: the sum of their `data-points`. */
export async function pointsDrawn(page: Page, title: string): Promise<number> {
  const dashboard = page.getByRole('region', { name: `Dashboard ${title}`, exact: true });
  return dashboard.locator('section.dash-panel').evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-points') ?? 0), 0));
}

/** Titles of panels showing their own error line. */
export async function panelErrors(page: Page, title: string): Promise<string[]> {
  const dashboard = page.getByRole('region', { name: `Dashboard ${title}`, exact: true });
  return dashboard.locator('section.dash-panel').evaluateAll((els) =>
    els.filter((e) => e.querySelector('.dash-error')).map((e) => `${e.getAttribute('aria-label')}: ${e.querySelector('.dash-error')?.textContent ?? ''}`),
  );
}
