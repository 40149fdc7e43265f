/**
 * The badge view in real Chromium (#17.1–3, #18.1): the worker builds `badgeView` from a seeded snapshot and stage
 * history, and the content script paints it. Proves the 30-day strip's colours from a known history, days in
 * stage and the ASI's 7-day change, the panel's box at 1280×720 with its last element visible (also with "All
 * rules" open), the source-chart links, and the coin on screen on three sites' URL shapes (one coin not in the
 * ASI universe), following an in-app navigation. Expected values come from the seeded data, not from the builder.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_ONPAGE } from '../../lib/badge/stage-style';
import type { Stage } from '../../lib/phase/stage';
import { addDays, daysBetween, toDay } from '../../lib/series/dates';
import { defaultSettings } from '../../lib/settings/defaults';
import type { AsiSignal } from '../../lib/signals/asi';
import type { StageHistory } from '../../lib/snapshot/stage-history';
import type { Snapshot } from '../../lib/snapshot/types';
import { CHROME_EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { testNow } from '../support/clock';
import { ensureChromeBuild, navigateInApp, quietWorker, SKIP, storageValue, waitFor } from '../support/e2e';
import { startStubSites, type StubSites } from '../support/sites/server';
import { realSnapshot } from '../support/snapshot';

const HOST = 'regime-lens-badge';

/** A real day's snapshot moved to today (dates shifted, values untouched), so nothing in it is stale. */
function asOfToday(s: Snapshot): Snapshot {
  const shift = daysBetween(s.evaluation.today, toDay(testNow()));
  const c = structuredClone(s) as Snapshot & { evaluation: Record<string, unknown> };
  c.computedAt = testNow() - 5 * 60_000;
  c.evaluation.today = addDays(c.evaluation.today, shift);
  c.evaluation.asOf = addDays(c.evaluation.asOf, shift);
  for (const k of ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed'] as const) {
    const sig = c.evaluation[k] as { asOf?: string; stale?: boolean } | null;
    if (sig?.asOf) {
      sig.asOf = addDays(sig.asOf, shift);
      sig.stale = false;
    }
  }
  for (const k of ['rut', 'asi', 'dominance'] as const)
    c.sparklines[k] = c.sparklines[k].map(([d, v]) => [addDays(d, shift), v]);
  return c;
}

/** A known 40-day history ending on `today`: 12 days Bitcoin season, 10 Mixed, 18 of the snapshot's stage. */
function knownHistory(today: string, last: Stage): StageHistory {
  const stages: Stage[] = [...Array(12).fill('btc-season'), ...Array(10).fill('mixed'), ...Array(18).fill(last)];
  const days = stages.map((stage, i) => ({ date: addDays(today, i - 39), stage, asi: 40 + i }));
  return { v: 1, key: 'seeded', days, state: {} as StageHistory['state'] };
}

const rgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

/** English ordinals, as the issue writes them ("7th of 50"). */
const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

describe.skipIf(SKIP)('badge view in Chromium', () => {
  let ext: ExtensionBrowser;
  let sites: StubSites;
  let extDir: string;
  const snap = asOfToday(realSnapshot('2025-09-19'));
  const today = snap.evaluation.today;
  const history = knownHistory(today, snap.evaluation.phase.stage);
  const asi = snap.evaluation.asi as AsiSignal;

  beforeAll(async () => {
    ensureChromeBuild();
    extDir = mkdtempSync(join(tmpdir(), 'regime-lens-ext-'));
    cpSync(CHROME_EXTENSION_DIR, extDir, { recursive: true });
    sites = await startStubSites();
    ext = await launchWithExtension({ extensionDir: extDir, extraArgs: sites.chromiumArgs });
    await quietWorker(ext);
    await ext.serviceWorker.evaluate((i) => (globalThis as any).chrome.storage.local.set(i), {
      snapshot: snap,
      stageHistory: history,
      badgeLayout: {},
    } as Record<string, unknown>);
    // The worker builds the view from both (a barrier, not a sleep).
    await waitFor(
      () => storageValue<{ computedAt: number; strip: string[] }>(ext, 'badgeView'),
      (v) => v?.computedAt === snap.computedAt && v.strip.length === 30,
      'the badge view of the seeded snapshot and history',
    );
  });

  afterAll(async () => {
    await ext?.close();
    await sites?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  async function open(url: string): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(url);
    await page.locator('.badge[data-stage]').waitFor();
    return page;
  }

  async function openPanel(page: Page) {
    await page.locator('button.main').click();
    const panel = page.getByRole('dialog');
    await panel.waitFor();
    await waitFor(
      () => panel.evaluate((el) => getComputedStyle(el).visibility),
      (v) => v === 'visible',
      'panel shown',
    );
    return panel;
  }

  it('paints the 30-day strip in the colours of a known history, the days in stage and the ASI change', async () => {
    const page = await open('https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT');
    const ticks = await page.locator('.strip i').evaluateAll((els) =>
      els.map((el) => ({
        date: el.getAttribute('data-date'),
        stage: el.getAttribute('data-stage'),
        color: getComputedStyle(el).backgroundColor,
      })),
    );
    const expected = history.days
      .slice(-30)
      .map((d) => ({ date: d.date, stage: d.stage, color: rgb(STAGE_ONPAGE[d.stage]) }));
    expect(ticks).toEqual(expected);
    // Three colours over the month: Bitcoin season, Mixed, then the snapshot's stage.
    expect(new Set(ticks.map((x) => x.color)).size).toBe(3);
    // 18 days in the last stage; the ASI 7 days ago was 7 lower in the seeded history (40 + i).
    expect(await page.locator('button.main .days').textContent()).toBe('18 d');
    expect(await page.locator('button.main .d7').textContent()).toBe('▲ 7');
    await page.close();
  });

  it('keeps the panel ≤ 420 px at 1280×720, its last element visible, also with "All rules" open', async () => {
    const page = await open('https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ASOLUSDT');
    const sheets = () => page.evaluate((tag) => document.querySelector(tag)!.shadowRoot!.styleSheets.length, HOST);
    expect(await sheets()).toBe(1); // the badge's own rules only, until the panel opens
    const panel = await openPanel(page);
    expect(await sheets()).toBe(2);
    expect(await panel.evaluate((el) => getComputedStyle(el).width)).toBe('340px'); // panel.css applies
    const check = async () => {
      const r = await page.evaluate((tag) => {
        const root = document.querySelector(tag)!.shadowRoot!;
        const p = root.querySelector('.panel')!;
        const last = p.lastElementChild as HTMLElement;
        const pr = p.getBoundingClientRect();
        const lr = last.getBoundingClientRect();
        const hit = root.elementFromPoint(lr.left + lr.width / 2, lr.top + lr.height / 2);
        return {
          height: pr.height,
          lastInside: lr.top >= pr.top && lr.bottom <= pr.bottom + 0.5 && lr.bottom <= innerHeight,
          lastHit: !!hit && last.contains(hit),
          lastClass: last.className,
        };
      }, HOST);
      expect(r.height).toBeLessThanOrEqual(420);
      expect(r).toMatchObject({ lastInside: true, lastHit: true, lastClass: 'foot' });
    };
    await check();
    // The decisive reasons come first; the others wait behind "All rules".
    const decisive = snap.evaluation.phase.reasons.filter((x) => x.decisive).length;
    expect(await panel.locator('h3 + ul li').count()).toBe(Math.min(3, decisive));
    const more = snap.evaluation.phase.reasons.length - Math.min(3, decisive);
    const summary = panel.getByRole('button', { name: /All rules/ });
    expect(await summary.textContent()).toBe(`All rules (${more} more)`);
    expect(await panel.locator('.more').isVisible()).toBe(false);
    await summary.click();
    expect(await summary.getAttribute('aria-expanded')).toBe('true');
    await waitFor(
      () => panel.locator('.more li').first().isVisible(),
      (v) => v,
      'the other rules shown',
    );
    expect(await panel.locator('.more li').count()).toBe(more);
    await check();
    // The thesis clock in one line, from the seeded window.
    const w = snap.evaluation.phase.thesis!.window;
    expect(await panel.locator('.clock').textContent()).toContain(
      w.status === 'before' ? `opens in ${w.from - w.day} d` : `day ${w.day} of`,
    );
    await page.close();
  });

  it('links the source charts, each in a new tab without opener or referrer', async () => {
    const page = await open('https://www.binance.com/en/trade/BTC_USDT?type=spot');
    const panel = await openPanel(page);
    const links = await panel
      .locator('a')
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })),
      );
    expect(links.map((l) => l.href)).toEqual([
      'https://www.tradingview.com/chart/?symbol=TVC%3ARUT&interval=1W',
      'https://www.tradingview.com/chart/?symbol=CRYPTOCAP%3ABTC.D&interval=1M',
      'https://www.tradingview.com/chart/?symbol=CRYPTOCAP%3ATOTAL3',
      'https://www.tradingview.com/chart/?symbol=BINANCE%3AETHBTC',
      'https://coinmarketcap.com/charts/altcoin-season-index/',
      'https://www.blockchaincenter.net/en/altcoin-season-index/',
    ]);
    for (const l of links) expect(l).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
    await page.close();
  });

  /** "SOL +56 % vs BTC · 11th of 71", computed here from the snapshot's ASI coins. */
  function rankedLine(sym: string): string {
    const i = asi.coins.findIndex((c) => c.symbol.toUpperCase() === sym);
    expect(i).toBeGreaterThanOrEqual(0);
    const pct = Math.round(((1 + asi.coins[i]!.return) / (1 + asi.btcReturn) - 1) * 100);
    const signed = pct > 0 ? `+${pct}` : pct < 0 ? `−${-pct}` : '0';
    return `${sym} ${signed} % vs BTC · ${ordinal(i + 1)} of ${asi.coins.length}`;
  }

  it('shows the coin on screen from three sites’ URL shapes, one of them not in the ASI universe', async () => {
    const coin = async (url: string) => {
      const page = await open(url);
      await openPanel(page);
      const text = await page.locator('.coin').textContent();
      return { page, text };
    };
    const tv = await coin('https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ASOLUSDT');
    expect(tv.text).toBe(rankedLine('SOL'));
    // An in-app navigation to another symbol (the stub's "Next symbol": ETHUSDT): the line follows the page.
    const ext_ = ext;
    await navigateInApp(tv.page, ext_.extensionId, () => tv.page.click('#next'), 'ETHUSDT');
    await tv.page.locator('button.main').click();
    await tv.page.getByRole('dialog').waitFor();
    expect(await tv.page.locator('.coin').textContent()).toBe(rankedLine('ETH'));
    await tv.page.close();

    const bn = await coin('https://www.binance.com/en/trade/DOGE_USDT?type=spot');
    expect(bn.text).toBe(rankedLine('DOGE'));
    await bn.page.close();

    // USDC: a stablecoin, on the settings' exclusion list.
    expect(defaultSettings().asi.excludeSymbols).toContain('USDC');
    const cb = await coin('https://www.coinbase.com/advanced-trade/spot/USDC-USD');
    expect(cb.text).toBe(
      'USDC: not in the ASI universe (on the exclusion list (stablecoin, wrapped, staked or asset-backed))',
    );
    await cb.page.close();
  });

  it('logged no page errors or console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
