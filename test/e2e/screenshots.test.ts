/**
 * The README's pictures in one place (#17.6): the extension seeded with a snapshot and a series cache built
 * from the full real series (test/fixtures/real/series-full, moved by whole weeks so its last full day is
 * about yesterday), so every chart, BTC dominance, TOTAL3 and ETH/BTC included, has data. It writes the badge
 * and its panel on the TradingView stub, every popup tab and the options page, light and dark, and the popup
 * in Simplified Chinese. `npm run screenshots` (UPDATE_SCREENSHOTS=1) writes them into docs/, a plain run into
 * a temporary folder. It waits for views by role and test id only, so a redesigned badge or popup needs no
 * change here.
 */
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../lib/cli/load-dir';
import { addDays, toDay } from '../../lib/series/dates';
import type { Series, SeriesSet } from '../../lib/series/types';
import { extendStageHistory } from '../../lib/snapshot/stage-history';
import { KEEP_DAYS } from '../../lib/refresh/context';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { dataShiftFor, testNow } from '../support/clock';
import {
  afterPaint,
  ensureChromeBuild,
  quietWorker,
  seedCachesAndSettings,
  SKIP,
  screenshotPath,
  waitFor,
} from '../support/e2e';
import { REAL_SERIES_FULL } from '../support/paths';
import { startStubSites, type StubSites } from '../support/sites/server';
import { anyCoverageSettings, realSnapshot } from '../support/snapshot';
import { universeSettings, workerStorage } from '../support/worker-storage';

const TV = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT';
const SCHEMES = ['light', 'dark'] as const;

const shifted = (s: Series, days: number): Series => ({
  source: s.source,
  points: s.points.map((p) => ({ date: addDays(p.date, days), value: p.value })),
});

/**
 * The full real series moved by whole weeks to end about yesterday, as the worker would hold them today: the
 * engine's input for the snapshot and the popup's series cache (coins as many days as the worker keeps, the rest
 * 4,000) with the universe it recorded.
 */
function seeded() {
  const now = testNow();
  const today = toDay(now);
  const shift = dataShiftFor(now);
  const real = loadSeriesDir(REAL_SERIES_FULL);
  const all: SeriesSet = { coins: {} };
  for (const [sym, c] of Object.entries(real.coins ?? {})) all.coins![sym] = { ...c, closes: shifted(c.closes, shift) };
  for (const key of ['rut', 'btcDominance', 'ethbtc', 'fearGreed', 'total3', 'etfFlowsBtc', 'etfFlowsEth'] as const)
    if (real[key]) all[key] = shifted(real[key]!, shift);
  const fetchedAt = now - 10 * 60_000;
  const stored = workerStorage(all, today, { coinDays: KEEP_DAYS.coins, macroDays: 4000, fetchedAt });
  // Any coverage: the shifted coins end on different days, and a picture needs the ASI's number.
  const settings = universeSettings(anyCoverageSettings());
  const snapshot = realSnapshot(today, undefined, settings, stored.set);
  snapshot.computedAt = fetchedAt;
  // The year of stages the worker keeps beside the snapshot: the badge's strip, the popup's ribbon.
  const { history: stageHistory } = extendStageHistory(null, stored.set, settings, today);
  return { ...stored, settings, snapshot, stageHistory };
}

describe.skipIf(SKIP)('screenshots for the README', () => {
  let ext: ExtensionBrowser;
  let zh: ExtensionBrowser;
  let sites: StubSites;
  const { snapshot, seriesCache, universes, settings, stageHistory } = seeded();
  const seed = async (b: ExtensionBrowser) => {
    await seedCachesAndSettings(b, { seriesCache, universes }, settings);
    await b.serviceWorker.evaluate(
      ([snap, history]) => (globalThis as any).chrome.storage.local.set({ snapshot: snap, stageHistory: history }),
      [snapshot, stageHistory] as const,
    );
  };

  beforeAll(async () => {
    ensureChromeBuild();
    sites = await startStubSites();
    ext = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    zh = await launchWithExtension({
      extraArgs: ['--lang=zh-CN', '--host-resolver-rules=MAP * ~NOTFOUND'],
      env: { LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' },
    });
    await Promise.all([quietWorker(ext), quietWorker(zh)]);
    await Promise.all([seed(ext), seed(zh)]);
  }, 120_000);

  afterAll(async () => {
    await ext?.close();
    await zh?.close();
    await sites?.close();
  });

  async function popup(b: ExtensionBrowser, scheme: 'light' | 'dark'): Promise<Page> {
    const page = await b.context.newPage();
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 480, height: 600 });
    await page.goto(b.extensionUrl('popup.html'));
    // The popup's own render (the setup line), not only the first paint's stage line before it.
    await page.getByTestId('setup').waitFor();
    return page;
  }

  /**
   * Lets every chart of the shown tab draw: charts are built as they come near the viewport (#18.2), and some
   * only once their data is computed after the first paint, so each poll scrolls to the shown charts still
   * without a canvas; then back to the top, and two frames.
   */
  async function chartsDrawn(page: Page): Promise<void> {
    await waitFor(
      () =>
        page.evaluate(() => {
          const missing = [...document.querySelectorAll('[data-chart]')].filter(
            (b) => b.getClientRects().length > 0 && !b.querySelector('canvas'),
          );
          missing[0]?.scrollIntoView({ block: 'center' });
          return missing.map((b) => b.getAttribute('data-chart'));
        }),
      (missing) => missing.length === 0,
      'the visible charts to have their canvases (the value: those without)',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await afterPaint(page);
  }

  for (const scheme of SCHEMES) {
    it(`badge and its panel, ${scheme}`, async () => {
      const page = await ext.context.newPage();
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 900, height: 640 });
      await page.goto(TV);
      const badge = page.locator('.badge[data-stage]');
      await badge.waitFor();
      // The stub follows TradingView: its own theme switch, which the badge follows.
      if (scheme === 'dark') await page.click('#theme');
      await expect.poll(() => page.locator('.app').getAttribute('data-theme')).toBe(scheme);
      await page.mouse.move(0, 300);
      await afterPaint(page);
      const pad = 12;
      const b = (await badge.boundingBox())!;
      const around = (r: { x: number; y: number; width: number; height: number }[]) => {
        const x = Math.min(...r.map((q) => q.x)) - pad;
        const y = Math.min(...r.map((q) => q.y)) - pad;
        const width = Math.max(...r.map((q) => q.x + q.width)) + pad - x;
        const height = Math.max(...r.map((q) => q.y + q.height)) + pad - y;
        return { x, y, width, height };
      };
      await page.screenshot({ path: screenshotPath(`badge-${scheme}.png`), clip: around([b]) });
      await badge.getByRole('button').first().click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      await expect.poll(() => panel.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
      await afterPaint(page);
      await page.screenshot({
        path: screenshotPath(`panel-${scheme}.png`),
        clip: around([b, (await panel.boundingBox())!]),
      });
      await page.close();
    });

    it(`every popup tab, ${scheme}`, async () => {
      const page = await popup(ext, scheme);
      const tabs = page.getByRole('tab');
      const n = await tabs.count();
      expect(n).toBeGreaterThan(1);
      for (let i = 0; i < n; i++) {
        const tab = tabs.nth(i);
        const id = ((await tab.getAttribute('id')) ?? `tab-${i}`).replace(/^tab-/, '');
        await tab.click();
        await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
        await chartsDrawn(page);
        // The first tab is the README's "popup", the charts tab its "popup, charts".
        const name = i === 0 ? `popup-${scheme}.png` : `popup-${id}-${scheme}.png`;
        await page.screenshot({ path: screenshotPath(name), fullPage: id === 'charts' });
      }
      await page.close();
    });

    it(`options page, ${scheme}`, async () => {
      const page = await ext.context.newPage();
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 900, height: 900 });
      await page.goto(ext.extensionUrl('options.html'));
      await page.getByRole('heading').first().waitFor();
      await afterPaint(page);
      await page.screenshot({ path: screenshotPath(`options-${scheme}.png`) });
      await page.close();
    });
  }

  it('the popup in Simplified Chinese', async () => {
    // Without a Chinese font every character is drawn as a box (.ci/run installs fonts-wqy-microhei).
    expect(execSync('fc-list :lang=zh', { encoding: 'utf8' }).trim(), 'a font with Chinese glyphs').not.toBe('');
    const page = await popup(zh, 'light');
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
    await afterPaint(page);
    await page.screenshot({ path: screenshotPath('popup-zh_CN-light.png') });
    await page.close();
  });
});
