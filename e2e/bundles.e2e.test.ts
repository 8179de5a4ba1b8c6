import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docker } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { seriousViolations } from './pages/axe';
import { BundlesPageObject } from './pages/bundles-page';
import { ConsolePage } from './pages/console-page';
import { LabsPageObject } from './pages/labs-page';

const ready = (await hasDocker()) && hasBrowser();
const tag = `e2e${process.pid}`;

/** A copy of a lab image with a label of its own, so it has its own ID: removing it leaves the original, which other suites use, alone. */
function imageCopy(from: string, to: string): string {
  const ctr = docker('create', from);
  try {
    docker('commit', '--change', `LABEL io.labdeck.bundle-e2e=${tag}`, ctr, to);
  } finally {
    docker('rm', ctr);
  }
  return docker('image', 'inspect', '--format', '{{.Id}}', to);
}

const LABS = [
  { name: `bdl-a-${tag}`, title: 'Bundle e2e redis', image: `bdl-e2e-${tag}/redis:7.2`, from: 'redis:7.2', cmd: '["CMD", "redis-cli", "ping"]' },
  { name: `bdl-b-${tag}`, title: 'Bundle e2e nats', image: `bdl-e2e-${tag}/nats:2.10`, from: 'nats:2.10', cmd: '["CMD", "true"]' },
];

function writeLab(home: string, l: (typeof LABS)[number]): void {
  mkdirSync(join(home, 'labs', l.name), { recursive: true });
  writeFileSync(join(home, 'labs', l.name, 'compose.yaml'), `x-labdeck:\n  title: ${l.title}\nservices:\n  main:\n    image: ${l.image}\n    healthcheck: { test: ${l.cmd}, interval: 1s, retries: 30 }\n`);
}

/**
 * Export two labs from the console (signed with a key made there) and download the bundle; remove
 * the labs' images and folders; import the download back through the page: upload, the verification
 * result (signed by the key), progress per image, the images back with the same IDs, the labs
 * installed, their template cards ready offline again. axe-core finds nothing serious on the page.
 */
describe.skipIf(!ready)('bundles in the browser console', () => {
  const { served, browser } = useConsole();
  const work = mkdtempSync(join(tmpdir(), 'labdeck-e2e-bundle-'));
  afterAll(() => {
    for (const l of LABS) {
      try {
        docker('rmi', '-f', l.image);
      } catch {
        // already gone
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('exports two labs, downloads the bundle, and imports it back with progress and the verification result', async () => {
    const ids = LABS.map((l) => imageCopy(l.from, l.image));
    for (const l of LABS) writeLab(served().home, l);
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const ui = new ConsolePage(page);
    const bundles = new BundlesPageObject(page);
    const labs = new LabsPageObject(page);
    try {
      await page.goto(served().url);
      await labs.templateCard(LABS[0].title).getByText('Ready offline').waitFor({ timeout: 30_000 });

      await bundles.open();
      for (const l of LABS) await bundles.pick(l.name);
      const keyId = await bundles.newSigningKey();
      await bundles.export();
      await bundles.job(/^Exporting /).getByRole('status').filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 180_000 });
      const exported = await bundles.progressLines(/^Exporting /);
      for (const l of LABS) expect(exported).toContainEqual(expect.stringMatching(new RegExp(`^image ${l.image.replace(/[.]/g, '\\.')}: [\\d.]+ MB written`)));
      const download = await bundles.download();
      const file = join(work, download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/^labdeck-.*\.bundle$/);

      // the offline laptop: the images and the labs are gone
      for (const l of LABS) {
        docker('rmi', l.image);
        rmSync(join(served().home, 'labs', l.name), { recursive: true, force: true });
      }
      writeLab(served().home, LABS[0]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Labs', exact: true }).click();
      const card = labs.templateCard(LABS[0].title);
      await card.getByText('Not ready offline').waitFor({ timeout: 30_000 });
      expect(await card.getByRole('list', { name: `Missing images of ${LABS[0].name}` }).textContent()).toContain(LABS[0].image);
      rmSync(join(served().home, 'labs', LABS[0].name), { recursive: true, force: true });

      await bundles.open();
      await bundles.importFile(file);
      await bundles.job(/^Importing /).getByRole('status').filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 180_000 });
      expect(await bundles.verification().textContent()).toContain(`Signed by trusted key ${keyId}`);
      const imported = await bundles.progressLines(/^Importing /);
      expect(imported).toContainEqual(expect.stringContaining(`signature: good signature by trusted key ${keyId}`));
      for (const l of LABS) {
        expect(imported).toContainEqual(`image ${l.image}: loaded`);
        expect(imported).toContainEqual(expect.stringMatching(new RegExp(`^verify ${l.image.replace(/[.]/g, '\\.')}: entry \\d+ of \\d+`)));
      }
      const result = page.getByRole('list', { name: 'Imported' });
      for (const l of LABS) await result.getByText(`lab ${l.name}: installed`).waitFor();
      expect(LABS.map((l) => docker('image', 'inspect', '--format', '{{.Id}}', l.image))).toEqual(ids);

      // a copy with one byte altered inside an image archive: refused with its code, nothing loaded
      const bytes = readFileSync(file);
      bytes[bytes.length >> 1] ^= 0xff;
      const bad = join(work, 'altered.bundle');
      writeFileSync(bad, bytes);
      // the set of image IDs (docker lists images created in the same second in no fixed order)
      const imageIds = (): string[] => docker('images', '-q', '--no-trunc').split('\n').filter(Boolean).sort();
      const imagesBefore = imageIds();
      await page.getByRole('region', { name: /^Importing / }).getByRole('button', { name: 'Close' }).click();
      await bundles.importFile(bad);
      await bundles.job(/^Importing altered/).getByRole('status').filter({ hasText: 'failed' }).first().waitFor({ timeout: 120_000 });
      expect(await bundles.verification().textContent()).toMatch(/Refused \(BUNDLE_INVALID\).*Nothing was loaded or installed/);
      expect(imageIds()).toEqual(imagesBefore);

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help} ${v.nodes.join(' ')}`)).toEqual([]);
      }
      await page.screenshot({ path: 'test-results/bundles-import.png', fullPage: true });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Labs', exact: true }).click();
      for (const l of LABS) await labs.templateCard(l.title).getByText('Ready offline').waitFor({ timeout: 30_000 });
      expect(ui.errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 420_000);
});
