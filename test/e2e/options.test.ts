/**
 * The options page in real Chromium: every setting is there, bad input is rejected beside its field
 * and never reaches storage, good input is saved (and, once the worker re-evaluates on a settings
 * change, changes the computed stage), presets, lists, sites, badge reset, snooze, export, import,
 * reset, keyboard use, axe in light and dark, and docs/options-{light,dark}.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NUM_FIELDS } from '../../components/options/fields';
import { addDays, daysBetween, toDay } from '../../lib/series/dates';
import type { Series, SeriesSet } from '../../lib/series/types';
import { defaultSettings, type Settings } from '../../lib/settings/defaults';
import { SETTINGS_SCHEMA, SETTINGS_VERSION } from '../../lib/settings/schema';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import {
  axeSerious,
  ensureChromeBuild,
  quietWorker,
  seedCachesAndSettings,
  SKIP,
  screenshotPath,
  waitFor,
} from '../support/e2e';
import { realSeries } from '../support/fixtures';
import { realSnapshot } from '../support/snapshot';
import { testNow } from '../support/clock';
import { universeSettings, workerStorage } from '../support/worker-storage';

describe.skipIf(SKIP)('options page in Chromium', () => {
  let ext: ExtensionBrowser;

  const storedSettings = () =>
    ext.serviceWorker.evaluate(async () => {
      const r = await (globalThis as any).chrome.storage.sync.get(['settings', 'settings$']);
      return { settings: r.settings as Settings | undefined, meta: r['settings$'] as { v: number } | undefined };
    });
  const storeSettings = (s: Settings) =>
    ext.serviceWorker.evaluate(
      (v) => (globalThis as any).chrome.storage.sync.set({ settings: v, settings$: { v: 2 } }),
      s,
    );

  beforeAll(async () => {
    ensureChromeBuild();
    ext = await launchWithExtension({ extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
    await quietWorker(ext);
  });

  beforeEach(async () => {
    await storeSettings(defaultSettings());
  });

  afterAll(async () => {
    await ext?.close();
  });

  async function openOptions(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(ext.extensionUrl('options.html'));
    await page.locator('#f-asi-windowDays').waitFor();
    return page;
  }
  const errorFor = (page: Page, path: string) => page.locator(`[data-error-for="${path}"]`).textContent();

  it('shows every setting of SIGNALS.md §5 in its group, with the stored values', async () => {
    const page = await openOptions();
    const sections = await page
      .locator('section[data-section]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect(sections).toEqual([
      'russell',
      'asi',
      'dominance',
      'ethbtc',
      'fearGreed',
      'etfFlows',
      'stage',
      'staleness',
      'refresh',
      'sites',
      'badge',
      'alerts',
      'backup',
    ]);
    for (const f of NUM_FIELDS) {
      const input = page.locator(`[data-field="${f.path}"] input`);
      expect(Number(await input.inputValue()), f.path).toBe(
        f.path.split('.').reduce<any>((o, k) => o[k], defaultSettings()),
      );
    }
    expect(await page.locator('input[name^="site-"]').count()).toBe(Object.keys(defaultSettings().sites).length);
    const switches = Object.entries(SETTINGS_SCHEMA.alerts).filter(([, spec]) => spec.kind === 'bool');
    expect(await page.locator('input[name^="alert-"]').count()).toBe(switches.length);
    expect(await page.locator('#f-asi-excludeSymbols').inputValue()).toContain('USDT');
    await page.close();
  });

  it('saves the ETF flows switch that makes the flows a leg of the setup (off by default)', async () => {
    const page = await openOptions();
    const box = page.locator('input[name="switch-etfFlows.inSetup"]');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(storedSettings, (s) => s.settings?.etfFlows?.inSetup === true, 'the switch to be saved');
    await box.uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(storedSettings, (s) => s.settings?.etfFlows?.inSetup === false, 'the switch to be saved off');
    await page.close();
  });

  it('rejects an ASI window of 5 days beside the field and keeps 90 in storage', async () => {
    const page = await openOptions();
    await page.fill('#f-asi-windowDays', '5');
    expect(await errorFor(page, 'asi.windowDays')).toBe('must be between 7 and 5000');
    expect(await page.locator('#f-asi-windowDays').getAttribute('aria-invalid')).toBe('true');
    // Changing the window alone makes the preset custom (no preset error).
    expect(await page.locator('input[name="asi-preset"][value="custom"]').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.locator('[data-testid="form-status"]').textContent()).toContain('Not saved');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-asi-windowDays');
    expect((await storedSettings()).settings!.asi.windowDays).toBe(90);
    await page.close();
  });

  it('rejects an altseason min below the alt-rotation min, with the message beside both fields', async () => {
    const page = await openOptions();
    await page.fill('#f-stage-altseasonMin', '40');
    const msg = 'alt-rotation min must be below the altseason min';
    expect(await errorFor(page, 'stage.altseasonMin')).toBe(msg);
    expect(await errorFor(page, 'stage.altRotationMin')).toBe(msg);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await storedSettings()).settings!.stage.altseasonMin).toBe(75);
    // Fixing it clears the message.
    await page.fill('#f-stage-altseasonMin', '80');
    expect(await errorFor(page, 'stage.altseasonMin')).toBe('');
    await page.close();
  });

  it('saves a valid threshold to storage (sync, settings$ at the current version)', async () => {
    const page = await openOptions();
    await page.fill('#f-stage-altseasonMin', '85');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).settings?.stage.altseasonMin).toBe(85);
    const { settings, meta } = await storedSettings();
    expect(meta).toEqual({ v: SETTINGS_VERSION });
    expect(settings!.stage.altRotationMin).toBe(50);
    expect(await page.locator('[data-testid="form-status"]').textContent()).toContain('Saved');
    await page.close();
  });

  it('a saved threshold changes the computed stage (the worker re-evaluates on the change)', async () => {
    // The real histories shifted so that their 2025-09-19 falls on today (ASI 79, altseason): the
    // worker's evaluation of today then reads fresh data.
    const today = toDay(testNow());
    const shift = daysBetween('2025-09-19', today);
    const real = realSeries();
    const moved = (s: Series): Series => ({
      source: s.source,
      points: s.points.map((p) => ({ date: addDays(p.date, shift), value: p.value })),
    });
    const coins: NonNullable<SeriesSet['coins']> = {};
    for (const [sym, c] of Object.entries(real.coins!))
      if (c.closes.points[0]!.date <= '2025-09-19') coins[sym] = { ...c, closes: moved(c.closes) };
    // Cached as the worker would hold them today (400 days back), with the universe it recorded.
    const stored = workerStorage({ coins, fearGreed: moved(real.fearGreed!) }, today, {
      coinDays: 400,
      macroDays: 400,
      fetchedAt: testNow(),
    });
    const settings = universeSettings(defaultSettings());
    await seedCachesAndSettings(ext, stored, settings);
    const before = realSnapshot(today, undefined, settings);
    await ext.serviceWorker.evaluate((snapshot) => (globalThis as any).chrome.storage.local.set({ snapshot }), before);
    const page = await openOptions();
    await page.fill('#f-stage-altseasonMin', '85');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const raw = () =>
      ext.serviceWorker.evaluate(
        async () => (await (globalThis as any).chrome.storage.local.get('snapshot')).snapshot?.evaluation?.phase,
      );
    await expect.poll(async () => (await raw())?.rawStage, { timeout: 60_000 }).toBe('alt-rotation');
    expect(JSON.stringify((await raw()).reasons)).toContain('not Altcoin season: ASI 79 < 85');
    await page.close();
  });

  it('fills the preset values and saves the CoinMarketCap-style preset', async () => {
    const page = await openOptions();
    await page.getByLabel('Top 100 / 90 d (CoinMarketCap-style)').check();
    expect(await page.locator('#f-asi-topN').inputValue()).toBe('100');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).settings?.asi.preset).toBe('top100-90d');
    expect((await storedSettings()).settings!.asi.topN).toBe(100);
    await page.close();
  });

  it('edits the exclusion lists, sites, refresh interval and alerts', async () => {
    const page = await openOptions();
    await page.fill('#f-asi-excludeSymbols', 'usdt, USDC\nab$');
    expect(await errorFor(page, 'asi.excludeSymbols')).toContain('“ab$”: must be an upper-case ticker');
    await page.fill('#f-asi-excludeSymbols', 'usdt, USDC\nFOO');
    await page.fill('#f-asi-excludeCategories', 'stablecoins wrapped-tokens');
    await page.getByLabel('Binance').uncheck();
    await page.fill('#f-refresh-intervalMinutes', '10');
    expect(await errorFor(page, 'refresh.intervalMinutes')).toBe('must be between 15 and 1440');
    await page.fill('#f-refresh-intervalMinutes', '30');
    await page.getByLabel('the Russell 2000 breaks out').check();
    await page.fill('#f-alerts-asiLevels', '20, 80');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).settings?.refresh.intervalMinutes).toBe(30);
    const s = (await storedSettings()).settings!;
    expect(s.asi.excludeSymbols).toEqual(['USDT', 'USDC', 'FOO']);
    expect(s.asi.excludeCategories).toEqual(['stablecoins', 'wrapped-tokens']);
    expect(s.sites.binance).toBe(false);
    expect(s.sites.tradingview).toBe(true);
    expect(s.alerts.russellBreakout).toBe(true);
    expect(s.alerts.asiLevels).toEqual([20, 80]);
    await page.close();
  });

  it('resets badge positions, snoozes alerts and resets to defaults', async () => {
    await ext.serviceWorker.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({ badgeLayout: { tradingview: { x: 10, y: 20, collapsed: true } } }),
    );
    const page = await openOptions();
    await page.getByRole('button', { name: 'Reset badge positions' }).click();
    await expect
      .poll(() =>
        ext.serviceWorker.evaluate(
          async () => (await (globalThis as any).chrome.storage.local.get('badgeLayout')).badgeLayout,
        ),
      )
      .toEqual({});
    const t0 = testNow();
    await page.getByRole('button', { name: '8 h' }).click();
    await expect
      .poll(async () => (await storedSettings()).settings?.alerts.snoozeUntil ?? 0)
      .toBeGreaterThan(t0 + 7.9 * 3_600_000);
    expect(await page.locator('[data-testid="snooze-state"]').textContent()).toContain('Snoozed until');
    await page.getByRole('button', { name: 'Resume now' }).click();
    await expect.poll(async () => (await storedSettings()).settings?.alerts.snoozeUntil).toBe(0);

    await page.fill('#f-stage-btcSeasonMax', '20');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).settings?.stage.btcSeasonMax).toBe(20);
    await page.getByRole('button', { name: 'Reset all settings to defaults' }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
    await expect.poll(async () => (await storedSettings()).settings).toEqual(defaultSettings());
    expect(await page.locator('#f-stage-btcSeasonMax').inputValue()).toBe('25');
    await page.close();
  });

  it('exports the settings as JSON and imports a file, listing its errors and saving only a valid one', async () => {
    const custom = defaultSettings();
    custom.russell.nearAthPct = 4;
    await storeSettings(custom);
    const page = await openOptions();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('regime-lens-settings.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported).toEqual(custom);

    const file = (name: string, body: unknown) => ({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
    await page.setInputFiles(
      '#f-import',
      file('bad.json', { asi: { windowDays: 5 }, stage: { altseasonMin: 40 }, nope: 1 }),
    );
    const errors = await page.locator('[data-testid="import-errors"] li').allTextContents();
    expect(errors).toContain('nope: is not a known setting');
    expect((await storedSettings()).settings).toEqual(custom);
    await page.setInputFiles('#f-import', file('bad2.json', { asi: { windowDays: 5 } }));
    expect(await page.locator('[data-testid="import-errors"] li').allTextContents()).toEqual([
      'asi.windowDays: must be between 7 and 5000',
    ]);
    await page.setInputFiles('#f-import', file('text.json', 'not json'));
    expect(await page.locator('[data-testid="import-errors"] li').allTextContents()).toEqual([
      'The file is not valid JSON.',
    ]);
    expect((await storedSettings()).settings).toEqual(custom);

    await page.setInputFiles('#f-import', file('good.json', { stage: { btcSeasonMax: 22 } }));
    await expect.poll(async () => (await storedSettings()).settings?.stage.btcSeasonMax).toBe(22);
    // Imported over the defaults, not over the current settings.
    expect((await storedSettings()).settings!.russell.nearAthPct).toBe(3);
    expect(await page.locator('#f-stage-btcSeasonMax').inputValue()).toBe('22');
    await page.close();
  });

  it('is usable from the keyboard: section links move focus, focus is visible', async () => {
    const page = await openOptions();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Russell 2000');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.getByRole('link', { name: 'Alerts' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#s-alerts');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in ${scheme} mode, with errors shown`, async () => {
      const page = await openOptions(scheme);
      expect(await axeSerious(page)).toEqual([]);
      await page.fill('#f-asi-windowDays', '5');
      expect(await axeSerious(page)).toEqual([]);
      await page.close();
    });

    it(`writes docs/options-${scheme}.png`, async () => {
      const page = await openOptions(scheme);
      await page.fill('#f-asi-windowDays', '5');
      await page.locator('#s-russell').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`options-${scheme}.png`) });
      await page.close();
    });
  }

  it('logs no page errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
