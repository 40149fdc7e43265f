/**
 * The popup in real Chromium, seeded with a REAL snapshot (2025-09-19: altseason on real data) and
 * the real fixture histories as the worker's series cache (77 coins × 400 days, like KEEP_DAYS).
 * Checks the stage, the charts (points per chart), the coin table, keyboard tabs, axe in light and
 * dark, and writes docs/popup-{light,dark}.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildChartData } from '../../lib/charts/build';
import type { SeriesCache } from '../../lib/cache/series-cache';
import { addDays } from '../../lib/series/dates';
import type { Series, SeriesSet } from '../../lib/series/types';
import { defaultSettings } from '../../lib/settings/defaults';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { afterPaint, axeSerious, ensureChromeBuild, quietWorker, SKIP, screenshotPath } from '../support/e2e';
import { realSeries } from '../support/fixtures';
import { realSnapshot } from '../support/snapshot';

const DAY = '2025-09-19';

/** The real series as the worker would have cached them by DAY (coins trimmed to 400 days). */
function seededCache(): { cache: SeriesCache; set: SeriesSet } {
  const real = realSeries();
  const upTo = (s: Series, keep: number): Series => ({
    source: s.source,
    points: s.points.filter((p) => p.date <= DAY && p.date > addDays(DAY, -keep)),
  });
  const cached = (s: Series) => ({
    provider: 'fixture',
    source: s.source,
    points: s.points.map((p) => [p.date, p.value] as [string, number]),
    fetchedAt: Date.parse(`${DAY}T11:59:00Z`),
  });
  const set: SeriesSet = { coins: {} };
  const cache: SeriesCache = { version: 1, macro: {}, coins: {} };
  for (const [sym, c] of Object.entries(real.coins ?? {})) {
    const s = upTo(c.closes, 400);
    if (s.points.length === 0) continue;
    set.coins![sym] = { symbol: sym, closes: s };
    cache.coins[sym] = cached(s);
  }
  for (const key of ['rut', 'btcDominance', 'ethbtc', 'fearGreed', 'total3'] as const) {
    const s = real[key];
    if (!s) continue;
    const trimmed = upTo(s, 4000);
    set[key] = trimmed;
    cache.macro[key] = { [s.source]: cached(trimmed) };
  }
  return { cache, set };
}

describe.skipIf(SKIP)('popup in Chromium', () => {
  let ext: ExtensionBrowser;
  const { cache, set } = seededCache();
  const expected = buildChartData(set, defaultSettings(), DAY);
  const snapshot = realSnapshot(DAY);
  // A logged change as the worker would have recorded it (real reasons of that day).
  const phaseLog = [
    {
      day: DAY,
      from: 'alt-rotation',
      to: 'altseason',
      at: snapshot.computedAt,
      reasons: snapshot.evaluation.phase.reasons.filter((r) => r.rule === 'stage.altseason'),
    },
  ];

  beforeAll(async () => {
    ensureChromeBuild();
    ext = await launchWithExtension({ extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
    await quietWorker(ext);
  });

  // Re-seeded before each test: the "Refresh now" test lets the worker re-evaluate as of the real today.
  beforeEach(async () => {
    await ext.serviceWorker.evaluate(
      ([snap, seriesCache, log]) =>
        (globalThis as any).chrome.storage.local.set({ snapshot: snap, seriesCache, phaseLog: log }),
      [snapshot, cache, phaseLog] as const,
    );
  });

  afterAll(async () => {
    await ext?.close();
  });

  async function openPopup(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 480, height: 600 });
    await page.goto(ext.extensionUrl('popup.html'));
    await page.locator('[data-testid="stage"]').waitFor();
    return page;
  }

  it('shows the stage, flags, setup and the reasons of the real snapshot', async () => {
    const page = await openPopup();
    expect(await page.locator('[data-testid="stage"]').getAttribute('data-stage')).toBe('altseason');
    expect(await page.locator('[data-testid="stage"]').textContent()).toBe('Altcoin season');
    expect(await page.locator('[data-testid="setup"]').textContent()).toContain('Setup: not met');
    await page.locator('.reasons summary').click();
    const reasons = await page.locator('[data-testid="reasons"] li').allTextContents();
    expect(reasons.length).toBe(snapshot.evaluation.phase.reasons.length);
    expect(reasons.join('\n')).toContain('ASI 79 ≥ 75 → Altcoin season');
    // Each tile shows value, source and age; an unknown value is a dash, never 0.
    expect(await page.locator('[data-tile="asi"] [data-testid="value"]').textContent()).toBe('79');
    // how much of the universe the ASI counted (SIGNALS.md §3 coverage)
    expect(await page.locator('[data-tile="asi"] [data-testid="asi-coverage"]').textContent()).toBe(
      'Counted 71 of 76 coins of the universe (93%)',
    );
    expect(await page.locator('[data-tile="russell"] [data-testid="value"]').textContent()).toBe('2,448.77');
    expect(await page.locator('[data-tile="russell"] .source').textContent()).toContain('source: rut.csv');
    expect(await page.locator('[data-tile="dominance"] [data-testid="value"]').textContent()).toMatch(/^—/);
    // ETH/BTC after ethbtc.csv's end (2024-02-29): ETH ÷ BTC of that day, fresh, its source naming the derived days
    expect(await page.locator('[data-tile="ethbtc"] [data-testid="stale"]').count()).toBe(0);
    expect(await page.locator('[data-tile="ethbtc"] .source').textContent()).toContain(
      'derived from ETH and BTC closes (coins/*.csv) on ',
    );
    await page.close();
  });

  it('draws every chart with the expected number of points, full history after the first paint', async () => {
    const page = await openPopup();
    const t0 = Date.now();
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.locator('.charts[data-full="true"]').waitFor({ timeout: 15_000 });
    const fullMs = Date.now() - t0;
    const points = async (id: string) => Number(await page.locator(`[data-chart="${id}"]`).getAttribute('data-points'));
    expect(await points('rut')).toBe(expected.rut!.points.length);
    expect(await points('asi')).toBe(expected.asi!.points.length);
    // The worker keeps 400 days of coin closes; the first 90 only serve as start closes.
    expect(await points('asi')).toBe(310);
    expect(await points('dominance')).toBe(0); // the real dominance history starts in 2026
    expect(await points('ethbtc')).toBe(expected.ethbtc!.points.length);
    expect(await points('fearGreed')).toBe(expected.fearGreed!.points.length);
    expect(await points('fearGreed')).toBeGreaterThan(300);
    // One canvas set per chart, and the TradingView attribution is visible.
    for (const id of ['rut', 'asi', 'dominance', 'dominance-macd', 'ethbtc', 'fearGreed']) {
      expect(await page.locator(`[data-chart="${id}"] canvas`).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('.attribution a[href="https://www.tradingview.com/"]').isVisible()).toBe(true);
    expect(await page.locator('[data-card="dominance"] figcaption').textContent()).toContain(
      'No data for this chart yet',
    );
    console.info(`[popup] full chart histories ready ${fullMs} ms after opening the Charts tab`);
    await page.close();
  });

  it('paints the stage and the sparkline charts before the full histories (first paint never waits)', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    const timing = await page.evaluate(async () => {
      const start = performance.timeOrigin;
      const wait = (sel: string) =>
        new Promise<number>((res) => {
          const tick = () => (document.querySelector(sel) ? res(performance.now()) : requestAnimationFrame(tick));
          tick();
        });
      const stage = await wait('[data-testid="stage"]');
      // The first frame with a chart: what it drew from (the snapshot's sparklines, or the full cache).
      const sparkChart = await wait('[data-chart="asi"] canvas');
      const first = {
        full: document.querySelector('.charts')?.getAttribute('data-full'),
        points: Number(document.querySelector('[data-chart="asi"]')?.getAttribute('data-points')),
      };
      const full = await wait('.charts[data-full="true"]');
      return { start, stage, sparkChart, full, first };
    });
    console.info(
      `[popup] stage ${timing.stage.toFixed(0)} ms, first chart ${timing.sparkChart.toFixed(0)} ` +
        `ms, full histories ${timing.full.toFixed(0)} ms after navigation`,
    );
    // Drawn from the snapshot's 90-day sparkline first (a popup that waited for the full histories would
    // show its first chart with data-full="true"), then the full history.
    expect(timing.first).toEqual({ full: 'false', points: snapshot.sparklines.asi.length });
    expect(timing.first.points).toBeGreaterThan(30);
    expect(timing.sparkChart).toBeLessThanOrEqual(timing.full);
    await page.close();
  });

  it('shows the ASI coin table with excluded and too-young coins', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Coins' }).click();
    const asi = snapshot.evaluation.asi!;
    expect(asi.value).not.toBeNull();
    const rows = page.locator('[data-testid="coin-table"] tbody tr[data-coin]');
    expect(await rows.count()).toBe(asi.value !== null ? asi.coins.length : -1);
    expect(await page.locator('[data-testid="coin-table"] .btc-row').textContent()).toContain('BTC');
    const tooYoung = await page.locator('[data-reason="too-young"] dd').textContent();
    expect(tooYoung).toContain('ASTER');
    expect(tooYoung).toContain('WLFI');
    await page.close();
  });

  it('shows the phase-change log with the reasons of each change', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Log' }).click();
    const entry = page.locator('[data-testid="phase-log"] > li').first();
    expect(await entry.locator('strong').textContent()).toBe('Alts rotating → Altcoin season');
    expect(await entry.textContent()).toContain('ASI 79 ≥ 75 → Altcoin season');
    await page.close();
  });

  it('lists the sources and sends the refresh command from the button', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Sources' }).click();
    expect(await page.locator('[data-source="binance"]').count()).toBe(1);
    await page.getByRole('tabpanel').getByRole('button', { name: 'Refresh now' }).click();
    // No network here (every host resolves to nothing; the install-time refresh failed, so the providers
    // are backing off): the popup must say that nothing was refreshed and why, never "Refreshed.".
    await expect
      .poll(() => page.locator('#refresh-status').textContent(), { timeout: 60_000 })
      .toMatch(
        /^Not refreshed: .*Yahoo Finance.* failed or are backing off after errors; showing the last good data\.$/,
      );
    await page.close();
  });

  it('is usable from the keyboard: arrow keys move between tabs, focus is visible', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Signals' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Charts');
    expect(await page.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in ${scheme} mode, on every tab`, async () => {
      const page = await openPopup(scheme);
      const found: string[] = [];
      for (const tab of ['Signals', 'Charts', 'Evidence', 'Coins', 'Sources', 'Log']) {
        await page.getByRole('tab', { name: tab }).click();
        if (tab === 'Charts') await page.locator('.charts[data-full="true"]').waitFor();
        if (tab === 'Evidence')
          await page.locator('[data-testid="evidence-summary"], [data-testid="evidence-none"]').first().waitFor();
        found.push(...(await axeSerious(page)).map((v) => `${tab}: ${v}`));
      }
      expect(found).toEqual([]);
      await page.close();
    });

    it(`writes docs/popup-${scheme}.png`, async () => {
      const page = await openPopup(scheme);
      await page.screenshot({ path: screenshotPath(`popup-${scheme}.png`) });
      await page.getByRole('tab', { name: 'Charts' }).click();
      await page.locator('.charts[data-full="true"]').waitFor();
      await afterPaint(page);
      await page.screenshot({ path: screenshotPath(`popup-charts-${scheme}.png`), fullPage: true });
      await page.close();
    });
  }

  it('logs no page errors', () => {
    expect(ext.errors.filter((e) => !/net::ERR_NAME_NOT_RESOLVED|Failed to fetch|ERR_NAME/.test(e))).toEqual([]);
  });
});
