import { describe, expect, it } from 'vitest';
import { buildChartData, CHART_DAYS } from '../../../lib/charts/build';
import { chartDataFromCache } from '../../../lib/charts/from-cache';
import type { SeriesCache } from '../../../lib/cache/series-cache';
import { toSeriesSet } from '../../../lib/cache/series-set';
import { addDays, monthEnd } from '../../../lib/series/dates';
import type { Point, SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiSignal } from '../../../lib/signals/asi';
import { dominanceSignal } from '../../../lib/signals/dominance';
import { realSeries } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

const DAY = '2025-09-19';
const s = defaultSettings();

describe('buildChartData on the real series', () => {
  const set = realSeries();
  const c = buildChartData(set, s, DAY);

  it('Russell: two years of closes up to the day, the 2021 high line and the breakouts inside the window', () => {
    const expected = set.rut!.points.filter((p) => p.date > addDays(DAY, -CHART_DAYS.rut) && p.date <= DAY);
    expect(c.rut!.points).toEqual(expected.map((p) => [p.date, p.value]));
    expect(c.rut!.points.at(-1)).toEqual(['2025-09-19', 2448.77]);
    expect(c.rut!.referenceHigh).toBe(2442.74);
    // 2020-11-13 is a breakout too, but outside the two years shown.
    expect(c.rut!.breakouts).toEqual(['2025-09-18']);
    expect(c.rut!.source).toBe('rut.csv');
  });

  it('ASI: the rule of every past day, each point equal to asiSignal of that day, unknown days skipped', () => {
    const pts = c.asi!.points;
    expect(pts.length).toBe(365);
    expect(pts.at(-1)).toEqual([DAY, 79]);
    for (const [d, v] of pts.filter((_, i) => i % 30 === 0)) {
      const r = asiSignal(set.coins, d, d, s.asi, 2);
      expect(r.value).toBe(v);
    }
    expect(pts.every(([, v]) => Number.isInteger(v) && v >= 0 && v <= 100)).toBe(true);
    expect(c.asi!.lower).toBe(25);
    expect(c.asi!.upper).toBe(75);
    expect(c.asi!.universe).toBe('all-given');
    expect(c.asi!.source).toBe('coins/*.csv, 71 coins');
  });

  it('ASI: agrees with the snapshot sparkline the worker stores (same rule, same days)', () => {
    const snap = realSnapshot(DAY);
    const tail = c.asi!.points.slice(-snap.sparklines.asi.length);
    expect(tail).toEqual(snap.sparklines.asi);
  });

  it('ASI: skips days without BTC data instead of drawing a zero', () => {
    const coins = structuredClone(set.coins!);
    coins.BTC!.closes.points = coins.BTC!.closes.points.filter(
      (p) => p.date !== '2025-09-10' && p.date !== '2025-09-11',
    );
    const gap = buildChartData({ coins }, s, DAY).asi!.points;
    expect(gap.map(([d]) => d)).not.toContain('2025-09-10');
    expect(gap.map(([d]) => d)).not.toContain('2025-09-11');
    expect(gap.length).toBe(363);
  });

  it('dominance: the real history starts in 2026, so none on the day (an empty chart, not zeros)', () => {
    expect(c.dominance).not.toBeNull();
    expect(c.dominance!.points).toEqual([]);
    expect(c.dominance!.macd).toEqual([]);
    expect(c.dominance!.zones).toEqual([50, 55, 59, 63]);
    const later = buildChartData(set, s, '2026-09-15').dominance!;
    expect(later.points.length).toBe(set.btcDominance!.points.length);
    // 43 sparse points over five months: far fewer than the 34 complete months the MACD needs.
    expect(later.macd).toEqual([]);
  });

  it('ETH/BTC and Fear & Greed: the last 365 days up to the day', () => {
    // ethbtc.csv ends in February 2024: the window is ETH ÷ BTC of the same day's closes (SIGNALS.md §2)
    const btc = new Map(set.coins!.BTC!.closes.points.map((p) => [p.date, p.value]));
    const ratio = set
      .coins!.ETH!.closes.points.filter((p) => p.date > addDays(DAY, -365) && p.date <= DAY)
      .map((p) => [p.date, p.value / btc.get(p.date)!]);
    expect(ratio).toHaveLength(365);
    expect(c.ethbtc!.points).toEqual(ratio);
    expect(c.ethbtc!.source).toContain('derived from ETH and BTC closes');
    const fg = set.fearGreed!.points.filter((p) => p.date > addDays(DAY, -365) && p.date <= DAY);
    expect(c.fearGreed!.points).toEqual(fg.map((p) => [p.date, p.value]));
    expect(c.fearGreed!.lower).toBe(25);
    expect(c.fearGreed!.upper).toBe(75);
  });

  it('a missing series is null (unknown), never an empty or zero series', () => {
    const only: SeriesSet = { rut: set.rut };
    const x = buildChartData(only, s, DAY);
    expect(x.asi).toBeNull();
    expect(x.dominance).toBeNull();
    expect(x.ethbtc).toBeNull();
    expect(x.fearGreed).toBeNull();
    expect(x.rut).not.toBeNull();
  });

  it('settings move the lines: reference high, ASI bands, zones', () => {
    const t = structuredClone(s);
    t.russell.referenceHigh = 2500;
    t.stage.btcSeasonMax = 20;
    t.stage.altseasonMin = 80;
    t.dominance.zones = [48, 54, 58, 62];
    const x = buildChartData({ rut: set.rut, coins: set.coins, btcDominance: set.btcDominance }, t, DAY);
    expect(x.rut!.referenceHigh).toBe(2500);
    expect([x.asi!.lower, x.asi!.upper]).toEqual([20, 80]);
    expect(x.dominance!.zones).toEqual([48, 54, 58, 62]);
  });

  it('logs how long the ASI history takes on 77 coins × 400 days (the popup builds it after first paint)', () => {
    const coins = Object.fromEntries(
      Object.entries(set.coins!).map(([k, v]) => [
        k,
        {
          ...v,
          closes: { ...v.closes, points: v.closes.points.filter((p) => p.date <= DAY && p.date > addDays(DAY, -400)) },
        },
      ]),
    );
    const t0 = performance.now();
    const x = buildChartData({ coins }, s, DAY);
    const ms = performance.now() - t0;
    console.info(
      `[charts] ASI history ${x.asi!.points.length} days over ${Object.keys(coins).length} coins: ${ms.toFixed(0)} ms`,
    );
    expect(x.asi!.points.length).toBe(400 - 90);
  });
});

describe('dominance MACD bars', () => {
  // 40 months of synthetic month-end values: a rise then a fall gives a bearish cross.
  const pts: Point[] = [];
  for (let m = 0; m < 40; m++) {
    const day = monthEnd(`${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);
    pts.push({ date: day, value: m < 30 ? 50 + m * 0.5 : 65 - (m - 30) * 1.5 });
  }
  const set: SeriesSet = { btcDominance: { source: 'synthetic', points: pts } };
  const today = pts.at(-1)!.date;

  it('one bar per complete month once the MACD is seeded, dated at month end, matching the signal', () => {
    const x = buildChartData(set, s, today).dominance!;
    // MACD needs slow + signal − 1 = 34 months: bars for months 34..40.
    expect(x.macd).toHaveLength(40 - 33);
    expect(x.macd.every((b) => b.time === monthEnd(b.time))).toBe(true);
    expect(x.macd.at(-1)!.time).toBe(today);
    const sig = dominanceSignal(set.btcDominance!, today, today, s.dominance, 2)!;
    expect(x.macd.at(-1)!.histogram).toBeCloseTo(sig.macd!.histogram, 12);
    expect(x.macd.at(-1)!.macd).toBeCloseTo(sig.macd!.macd, 12);
  });

  it('keeps at most 36 months', () => {
    const long: Point[] = [];
    for (let m = 0; m < 100; m++)
      long.push({
        date: monthEnd(`${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`),
        value: 50 + Math.sin(m / 5) * 5,
      });
    const x = buildChartData({ btcDominance: { source: 's', points: long } }, s, long.at(-1)!.date).dominance!;
    expect(x.macd).toHaveLength(36);
  });
});

describe('chartDataFromCache', () => {
  it('reads the cache the way the engine does', () => {
    const set = realSeries();
    const cache: SeriesCache = {
      version: 1,
      macro: {
        rut: {
          'rut.csv': {
            provider: 'fixture',
            source: 'rut.csv',
            points: set.rut!.points.map((p) => [p.date, p.value]),
            fetchedAt: 0,
          },
        },
      },
      coins: Object.fromEntries(
        Object.entries(set.coins!).map(([k, v]) => [
          k,
          {
            provider: 'fixture',
            source: v.closes.source,
            points: v.closes.points.map((p) => [p.date, p.value] as [string, number]),
            fetchedAt: 0,
          },
        ]),
      ),
    };
    const x = chartDataFromCache(cache, {}, s, DAY)!;
    expect(x).toEqual(buildChartData(toSeriesSet(cache, {}), s, DAY));
    // No universe recorded: the cached closes are no universe, so no ASI history (never one over what is cached).
    expect(x.asi?.points ?? []).toEqual([]);
    expect(x.rut!.points.length).toBeGreaterThan(0);
  });

  it('an unreadable cache gives null (the popup keeps the sparklines)', () => {
    expect(chartDataFromCache(null, {}, s, DAY)).toBeNull();
    expect(chartDataFromCache({ version: 1 } as unknown as SeriesCache, {}, s, DAY)).toBeNull();
    const empty = chartDataFromCache({ version: 1, macro: {}, coins: {} }, null, s, DAY)!;
    expect([empty.rut, empty.asi, empty.dominance, empty.ethbtc, empty.fearGreed]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
