/**
 * The popup in real Chromium, seeded with a REAL snapshot (2025-09-19: altseason on real data) and
 * the real fixture histories as the worker's series cache (77 coins × 400 days, like KEEP_DAYS).
 * Checks the stage, the charts (points per chart), the coin table, keyboard tabs, axe in light and
 * dark, and writes docs/popup-{light,dark}.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STAGE_COLOR } from '../../lib/badge/stage-style';
import { buildChartData } from '../../lib/charts/build';
import { stageRibbon, whatChanged } from '../../lib/charts/glance';
import { ageDaysAt } from '../../lib/format/age';
import { extendStageHistory } from '../../lib/snapshot/stage-history';
import { engineSeries } from '../../lib/cache/series-set';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import {
  afterPaint,
  axeSerious,
  badgeViewOf,
  ensureChromeBuild,
  quietWorker,
  seedCachesAndSettings,
  SKIP,
  screenshotPath,
} from '../support/e2e';
import { testNow } from '../support/clock';
import { realSeries } from '../support/fixtures';

const SHORT_UTC_DATE = { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' } as const;
import { realSnapshot } from '../support/snapshot';
import { popupSeed } from '../support/worker-storage';

const DAY = '2025-09-19';

describe.skipIf(SKIP)('popup in Chromium', () => {
  let ext: ExtensionBrowser;
  const { seriesCache: cache, universes, set, settings } = popupSeed(DAY);
  // Expected from the cache the worker reads (recorded universe included), as the popup builds them.
  const expected = buildChartData(engineSeries(cache, universes, settings, DAY), settings, DAY);
  const snapshot = realSnapshot(DAY, undefined, settings, set);
  // The year of stages the worker stores beside that snapshot (lib/platform/stage-history.ts).
  const stageHistory = extendStageHistory(null, realSeries(), settings, DAY).history;
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
    await seedCachesAndSettings(ext, { seriesCache: cache, universes }, settings);
  });

  // Re-seeded before each test: the "Refresh now" test lets the worker re-evaluate as of the real today.
  beforeEach(async () => {
    await ext.serviceWorker.evaluate(
      ([snap, seriesCache, recorded, log, history]) =>
        (globalThis as any).chrome.storage.local.set({
          snapshot: snap,
          seriesCache,
          universes: recorded,
          phaseLog: log,
          stageHistory: history,
        }),
      [snapshot, cache, universes, phaseLog, stageHistory] as const,
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
    // The popup's own render (the setup line), not only the first paint's stage line before it.
    await page.locator('[data-testid="setup"]').waitFor();
    return page;
  }

  it("paints the stage from the worker's badge view with its first script alone, before any module", async () => {
    await badgeViewOf(ext, snapshot.computedAt);
    // An extension page without the popup's modules: only popup.html's first script runs on an empty #app.
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('icon/16.png'));
    const src = await page.evaluate(async () => {
      document.documentElement.replaceChildren(document.createElement('body'));
      document.body.append(Object.assign(document.createElement('main'), { id: 'app' }));
      const html = await (await fetch('/popup.html')).text();
      const src = /<script[^>]*\ssrc="([^"]+)"/.exec(html)![1]!;
      document.body.append(Object.assign(document.createElement('script'), { src }));
      return src;
    });
    expect(src).toBe('/popup-first-paint.js');
    const stage = page.locator('#app > section.header [data-testid="stage"]');
    await stage.waitFor();
    expect(await stage.getAttribute('data-stage')).toBe('altseason');
    expect(await stage.textContent()).toBe('Altcoin season');
    expect(await stage.getAttribute('class')).toBe('stage chip ok');
    expect(await page.locator('#app .stage-line').textContent()).toBe('Stage Altcoin season');
    await page.close();
  });

  it('replaces the first paint with its own header: one stage, nothing of the first paint left', async () => {
    const page = await openPopup();
    expect(await page.locator('[data-testid="stage"]').count()).toBe(1);
    expect(await page.locator('[data-first-paint]').count()).toBe(0);
    expect(await page.locator('#stage-heading').getAttribute('data-stage')).toBe('altseason');
    await page.close();
  });

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

  /** Scrolls each chart with points into view (charts are built when near the viewport) until it has a canvas. */
  async function buildEveryChart(page: Page): Promise<void> {
    for (const box of await page.locator('[data-chart]').all()) {
      if (Number(await box.getAttribute('data-points')) === 0) continue;
      await box.scrollIntoViewIfNeeded();
      await box.locator('canvas').first().waitFor();
    }
    await afterPaint(page);
  }

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
    // TOTAL3 against BTC: a year of both, rebased to 100 at the start (the card's last value is TOTAL3's).
    expect(await points('total3')).toBe(expected.total3!.points.length);
    expect(await points('total3')).toBeGreaterThan(300);
    const last = expected.total3!.points.at(-1)!;
    expect(await page.locator('[data-card="total3"] figcaption').textContent()).toContain(
      `Last ${last[1].toFixed(1)} on Sep 19, 2025 · ${expected.total3!.points.length} points`,
    );
    // Charts are built as they come into view; each has its canvases once scrolled to.
    await buildEveryChart(page);
    for (const id of ['rut', 'asi', 'ethbtc', 'total3', 'fearGreed']) {
      expect(await page.locator(`[data-chart="${id}"] canvas`).count(), id).toBeGreaterThan(0);
    }
    expect(await page.locator('.attribution a[href="https://www.tradingview.com/"]').isVisible()).toBe(true);
    expect(await page.locator('[data-card="dominance"] figcaption').textContent()).toContain(
      'No data for this chart yet',
    );
    console.info(`[popup] full chart histories ready ${fullMs} ms after opening the Charts tab`);
    await page.close();
  });

  it('no two chart labels overlap, and none covers the price scale (bounding boxes, charts with bands)', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.locator('.charts[data-full="true"]').waitFor();
    await buildEveryChart(page);
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('[data-chart]')].map((box) => {
        box.scrollIntoView({ block: 'center' });
        const b = box.getBoundingClientRect();
        const scale = Number(box.getAttribute('data-scale-width'));
        const labels = [...box.querySelectorAll('.band-label')].map((l) => {
          const r = l.getBoundingClientRect();
          // Drawn on top: the element at the label's centre is the label (not a canvas of the chart).
          const onTop = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2) === l;
          return { text: l.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, onTop };
        });
        return {
          id: box.getAttribute('data-chart'),
          top: b.top,
          bottom: b.bottom,
          scaleLeft: b.right - scale,
          scaleWidth: scale,
          labels,
        };
      }),
    );
    const fg = charts.find((c) => c.id === 'fearGreed')!;
    expect(fg.labels.map((l) => l.text).sort()).toEqual(['Extreme fear 25', 'Greed 75']);
    expect(charts.find((c) => c.id === 'asi')!.labels.length).toBe(2);
    expect(charts.find((c) => c.id === 'rut')!.labels.length).toBe(1);
    const overlaps: string[] = [];
    for (const c of charts) {
      for (const [i, a] of c.labels.entries()) {
        // Left of the price scale (its ticks and last-value label live there), inside the chart's height.
        if (!a.onTop) overlaps.push(`${c.id}: "${a.text}" is covered`);
        if (a.right > c.scaleLeft + 0.5) overlaps.push(`${c.id}: "${a.text}" covers the price scale`);
        if (a.top < c.top - 0.5 || a.bottom > c.bottom + 0.5) overlaps.push(`${c.id}: "${a.text}" outside the chart`);
        for (const b of c.labels.slice(i + 1)) {
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 0.5 && y > 0.5) overlaps.push(`${c.id}: "${a.text}" overlaps "${b.text}"`);
        }
      }
    }
    expect(overlaps).toEqual([]);
    // The scale's width was read from the chart (a label placed before that would sit over the scale).
    for (const c of charts.filter((x) => x.labels.length > 0)) expect(c.scaleWidth, c.id!).toBeGreaterThan(20);
    await page.close();
  });

  it('paints the stage and the sparkline charts before the full histories (first paint never waits)', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 480, height: 600 });
    await page.goto(ext.extensionUrl('popup.html'));
    const timing = await page.evaluate(async () => {
      const start = performance.timeOrigin;
      const wait = (sel: string) =>
        new Promise<number>((res) => {
          const tick = () => (document.querySelector(sel) ? res(performance.now()) : requestAnimationFrame(tick));
          tick();
        });
      const stage = await wait('[data-testid="stage"]');
      // Straight to the Charts tab, as a user would, once it exists: the stage can come from the first paint's
      // script, before the popup's own render has made the tabs. Its first chart is the Russell 2000.
      await wait('#tab-charts');
      (document.getElementById('tab-charts') as HTMLButtonElement).click();
      // The first frame with a chart: what it drew from (the snapshot's sparklines, or the full cache).
      const sparkChart = await wait('[data-chart="rut"] canvas');
      const first = {
        full: document.querySelector('.charts')?.getAttribute('data-full'),
        points: Number(document.querySelector('[data-chart="rut"]')?.getAttribute('data-points')),
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
    expect(timing.first).toEqual({ full: 'false', points: snapshot.sparklines.rut.length });
    expect(timing.first.points).toBeGreaterThan(30);
    expect(timing.sparkChart).toBeLessThanOrEqual(timing.full);
    await page.close();
  });

  it('shows the year of stages as a ribbon in the stage colours, and what changed', async () => {
    const page = await openPopup();
    const ribbon = stageRibbon(stageHistory.days, snapshot)!;
    const segs = await page
      .locator('.ribbon-seg')
      .evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute('data-stage'),
          Number(e.getAttribute('data-days')),
          getComputedStyle(e).backgroundColor,
        ]),
      );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(segs).toEqual(ribbon.segments.map((r) => [r.stage, r.days, rgb(STAGE_COLOR[r.stage])]));
    expect(segs.length).toBeGreaterThan(1);
    expect(await page.locator('.ribbon-seg').last().getAttribute('aria-label')).toMatch(
      /^Altcoin season: .* to Sep 19, 2025/,
    );
    expect(await page.locator('[data-testid="ribbon-breakout"]').count()).toBe(ribbon.breakouts.length);
    const w = whatChanged(stageHistory.days, snapshot);
    const sign = (n: number) => `${n > 0 ? '▲+' : n < 0 ? '▼−' : ''}${Math.abs(n)}`;
    expect(await page.locator('[data-testid="what-changed"]').textContent()).toBe(
      `What changed: ASI ${sign(w.asi1!)} in 1 day, ${sign(w.asi7!)} in 7 days · dominance change unknown · ` +
        `last stage change ${await stageName(page, w.lastChange!.from)} → Altcoin season on ` +
        `${new Date(`${w.lastChange!.date}T00:00:00Z`).toLocaleDateString('en-US', SHORT_UTC_DATE)}` +
        ` (${w.held} days in this stage)`,
    );
    // The setup in tri-state words: what is needed and what is.
    expect(await page.locator('[data-testid="setup"]').textContent()).toContain(
      'Setup: not met — needs Bitcoin season or Mixed; the stage is Altcoin season',
    );
    await page.close();
  });

  it('says how old each value is, counted to the same now as its fetch time (never "today" for old data)', async () => {
    const page = await openPopup();
    const ages = await page.locator('[data-testid="data-age"]').allTextContents();
    expect(ages.length).toBeGreaterThan(3);
    const old = ageDaysAt(DAY, testNow());
    expect(old).toBeGreaterThan(1); // the seeded snapshot is of 2025-09-19
    expect(ages).toContain(`data of Sep 19, 2025 (${old.toLocaleString('en-US')} days ago)`);
    for (const a of ages) expect(a).not.toContain('(today)');
    // The fetch line beside it is just as old (fetched the same day, 12:00 UTC).
    expect(await page.locator('[data-tile="asi"] .source').textContent()).toMatch(/fetched from \S+ \d[\d,]* days ago/);
    await page.close();
  });

  it('shows the ASI coin table with excluded and too-young coins', async () => {
    const page = await openPopup();
    await page.getByRole('tab', { name: 'Coins' }).click();
    // The tab's code loads when it is first opened.
    await page.locator('[data-testid="coin-table"]').waitFor();
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
    await page.locator('[data-testid="sources"]').waitFor();
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
        // Each panel is built when first opened (its code loads then): check it once it has content.
        await page.locator(`#panel-${tab.toLowerCase()} > *`).first().waitFor();
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
      await buildEveryChart(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await afterPaint(page);
      await page.screenshot({ path: screenshotPath(`popup-charts-${scheme}.png`), fullPage: true });
      await page.close();
    });
  }

  /** A stage's name as the popup writes it (the phase log's entry uses the same words). */
  async function stageName(page: Page, stage: string): Promise<string> {
    return page.evaluate((k) => (globalThis as any).chrome.i18n.getMessage(k), `stage_${stage.replace(/-/g, '_')}`);
  }

  it('logs no page errors', () => {
    expect(ext.errors.filter((e) => !/net::ERR_NAME_NOT_RESOLVED|Failed to fetch|ERR_NAME/.test(e))).toEqual([]);
  });
});
