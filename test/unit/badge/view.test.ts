/**
 * The badge view the worker builds (lib/badge/view.ts) on REAL data (series-full): the stage strip, days in stage
 * and the ASI's 7-day change from the stored stage history, the decisive reasons first, the thesis clock, the
 * coin-on-screen table, translated in both languages, and small enough for one storage read on every page load.
 */
import { describe, expect, it } from 'vitest';
import { coinFromUrl } from '../../../lib/badge/coin';
import { etfFlowsLine } from '../../../lib/badge/etf-line';
import { STAGE_ONPAGE } from '../../../lib/badge/stage-style';
import { asiChange7, buildBadgeView, daysInStage, SOURCE_LINKS, STRIP_DAYS } from '../../../lib/badge/view';
import { coinLine, usableView } from '../../../lib/badge/view-read';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { AsiSignal } from '../../../lib/signals/asi';
import { extendStageHistory } from '../../../lib/snapshot/stage-history';
import { REAL_SERIES_FULL } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

const set = loadSeriesDir(REAL_SERIES_FULL);
const settings = defaultSettings();
const locales = loadLocales();
const en = translateFrom(locales.en!);
const zh = translateFrom(locales.zh_CN!);
/** The view's byte budget (JSON): the content script reads it on every page load of a trading site. */
const VIEW_BUDGET = 12 * 1024;

function at(day: string, t = en, locale = 'en-US') {
  const snapshot = realSnapshot(day, undefined, settings, set);
  const { history } = extendStageHistory(null, set, settings, day, 60);
  const view = buildBadgeView({ snapshot, history, settings, t, locale, now: snapshot.computedAt + 60_000 });
  return { snapshot, history, view };
}

describe('the badge view on real data', { timeout: 60_000 }, () => {
  // Mixed since late December 2024 after the altseason of December (docs/ENGINE.md); altseason in Sept 2025.
  const jan = at('2025-01-10');
  const sep = at('2025-09-19');

  it('paints the last 30 days of the stored history, each in its stage’s colour, oldest first', () => {
    for (const { view, history, snapshot } of [jan, sep]) {
      const last30 = history.days.slice(-STRIP_DAYS);
      expect(view.stripFrom).toBe(addDays(snapshot.evaluation.today, 1 - STRIP_DAYS));
      expect(view.strip).toEqual(last30.map((d) => d.stage));
      expect(view.strip.map((s) => view.colors[s])).toEqual(last30.map((d) => STAGE_ONPAGE[d.stage]));
      expect(view.names.altseason).toBe('Altcoin season');
    }
    // The month of January 2025 holds more than one stage (the strip shows a change).
    expect(new Set(jan.view.strip).size).toBeGreaterThan(1);
  });

  it('carries the ETF flows line from the snapshot’s flows (#16), and none where there are no flows', () => {
    const flows = sep.snapshot.evaluation.etfFlows;
    expect(flows).toBeTruthy();
    const line = etfFlowsLine(flows, en, 'en-US');
    expect(line).toMatch(/BTC .*ETH/);
    expect(sep.view.panel.flows).toBe(line);
    const noFlows = { ...sep.snapshot, evaluation: { ...sep.snapshot.evaluation, etfFlows: null } };
    const v = buildBadgeView({
      snapshot: noFlows,
      history: sep.history,
      settings,
      t: en,
      now: sep.snapshot.computedAt,
    });
    expect(v.panel.flows).toBeUndefined();
  });

  it('days in stage and the ASI’s 7-day change come from the history', () => {
    for (const { view, history } of [jan, sep]) {
      const d = history.days;
      let n = 0;
      while (n < d.length && d[d.length - 1 - n]!.stage === view.stage) n++;
      expect(view.days).toBe(`${n} d`);
      expect(daysInStage(history, view.stage)).toBe(n);
      const change = d.at(-1)!.asi! - d.at(-8)!.asi!;
      expect(asiChange7(history)).toBe(change);
      expect(view.asi7).toBe(`${change > 0 ? '▲' : change < 0 ? '▼' : '='} ${Math.abs(Math.round(change))}`);
    }
    // Without a history of this snapshot's day (another day's), nothing is claimed.
    const other = buildBadgeView({ snapshot: sep.snapshot, history: jan.history, settings, t: en, now: 0 });
    expect([other.days, other.asi7, other.strip]).toEqual(['', '', []]);
  });

  it('lists the decisive reasons first (what holds first), the rest behind "All rules"', () => {
    const reasons = sep.snapshot.evaluation.phase.reasons;
    const decisive = reasons.filter((r) => r.decisive);
    expect(sep.view.panel.top).toHaveLength(Math.min(3, decisive.length));
    expect(sep.view.panel.top[0]).toBe('✓ ASI 79 ≥ 75 → Altcoin season');
    expect(sep.view.panel.top.length + sep.view.panel.more.length).toBe(reasons.length);
    expect(sep.view.text.allRules).toBe(`All rules (${sep.view.panel.more.length} more)`);
  });

  it('says the thesis clock in one line: the window ahead after the September 2025 breakout', () => {
    const w = sep.snapshot.evaluation.phase.thesis!.window;
    expect(w.status).toBe('before');
    expect(sep.view.panel.clock).toBe(
      `Thesis clock: the spill-over window opens in ${w.from - w.day} d (breakout Sep 18, 2025)`,
    );
  });

  it('the coin on screen: ranked coins with their return against BTC and rank, excluded ones with why', () => {
    const asi = sep.snapshot.evaluation.asi as AsiSignal;
    const i = asi.coins.findIndex((c) => c.symbol === 'SOL');
    const pct = Math.round(((1 + asi.coins[i]!.return) / (1 + asi.btcReturn) - 1) * 100);
    const sym = coinFromUrl('binance', 'https://www.binance.com/en/trade/SOL_USDT');
    expect(coinLine(sep.view, sym)).toBe(
      `SOL ${pct > 0 ? '+' : '−'}${Math.abs(pct)} % vs BTC · ${i + 1}th of ${asi.coins.length}`,
    );
    // Too young on that day: its first close and the day it needed one by.
    const young = asi.excluded.find((x) => x.reason === 'too-young')!;
    expect(coinLine(sep.view, young.symbol.toUpperCase())).toBe(
      `${young.symbol.toUpperCase()}: not in the ASI universe ` +
        `(too young: first close ${young.args![0]}, needs one by ${young.args![1]})`,
    );
    expect(coinLine(sep.view, 'DAI')).toBe(
      'DAI: not in the ASI universe (on the exclusion list (stablecoin, wrapped, staked or asset-backed))',
    );
    expect(coinLine(sep.view, 'NOPE')).toBe(
      `NOPE: not in the ASI universe (outside the top ${asi.topN} by market cap)`,
    );
    expect(coinLine(sep.view, 'BTC')).toBe('BTC: the ASI measures altcoins against it');
    // Names of Object.prototype are not coins.
    expect(coinLine(sep.view, 'constructor')).toBe(
      'constructor: not in the ASI universe (outside the top 50 by market cap)',
    );
    expect(coinLine(sep.view, null)).toBeNull();
  });

  it('links the source charts in the order of the issue', () => {
    expect(sep.view.panel.links.map((l) => l.href)).toEqual(SOURCE_LINKS.map((l) => l.href));
    expect(sep.view.panel.links[0]!.href).toBe('https://www.tradingview.com/chart/?symbol=TVC%3ARUT&interval=1W');
  });

  it('is translated (zh_CN) with no raw key, and passes the page’s frame check', () => {
    const z = at('2025-09-19', zh, 'zh-CN').view;
    const json = JSON.stringify(z);
    expect(json).not.toMatch(/"(badge|stage|popup|reason)_[a-z_]+"|\bundefined\b|NaN/);
    expect(z.label).toBe(zh('stage_altseason'));
    expect(z.panel.clock).toMatch(/^论点时钟/);
    expect(usableView(z)).toBe(z);
    expect(usableView(JSON.parse(JSON.stringify(z)))).toEqual(z);
  });

  it(`stays within ${VIEW_BUDGET} bytes of JSON (one storage read per page load)`, () => {
    for (const v of [jan.view, sep.view, at('2025-09-19', zh, 'zh-CN').view]) {
      const bytes = new TextEncoder().encode(JSON.stringify(v)).length;
      console.info(`[badge view] ${v.stage}: ${bytes} B`);
      expect(bytes).toBeLessThanOrEqual(VIEW_BUDGET);
    }
  });
});
