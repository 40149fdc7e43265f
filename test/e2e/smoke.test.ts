/**
 * Smoke test in real Chromium: the built Chrome MV3 extension loads, its service worker starts,
 * and the popup and options pages render without errors.
 *
 * .ci/run builds before testing; locally, beforeAll rebuilds when the build is missing or stale.
 * Without Chromium the suite is skipped locally, but fails under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { ensureChromeBuild, SKIP, suiteName } from '../support/e2e';

const SUITE = suiteName('extension smoke in Chromium');

describe.skipIf(SKIP)(SUITE, () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ensureChromeBuild();
    ext = await launchWithExtension();
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('starts the background service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.serviceWorker.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
    const { manifest, name } = await ext.serviceWorker.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          runtime: { getManifest(): { name: string; manifest_version: number; permissions?: string[] } };
          i18n: { getMessage(key: string): string };
        };
      };
      return { manifest: chrome.runtime.getManifest(), name: chrome.i18n.getMessage('extName') };
    });
    // The name is localised (__MSG_extName__): Chrome resolves it from the _locales built from lib/i18n.
    expect(manifest.name).toBe('Regime Lens');
    expect(name).toBe('Regime Lens');
    expect(manifest.manifest_version).toBe(3);
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'notifications', 'storage']);
  });

  it('opens the popup with the "Regime Lens" heading', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Regime Lens');
    expect(await page.locator('main').textContent()).toContain('Data will appear after the first refresh.');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Regime Lens');
    await page.close();
  });

  it('opens the options page', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Regime Lens');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toContain('Regime Lens');
    await page.close();
  });

  it('logs no page errors or console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
