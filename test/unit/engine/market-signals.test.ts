import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  dominanceSignal,
  dominanceZone,
  monthEndValues,
  monthlyMacd,
  risingWedge,
} from '../../../lib/signals/dominance';
import { ethbtcSignal } from '../../../lib/signals/ethbtc';
import { fearGreedBand, fearGreedSignal } from '../../../lib/signals/fear-greed';
import { total3Signal } from '../../../lib/signals/total3';
import { macdSeries } from '../../../lib/indicators/macd';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { Point, Series } from '../../../lib/series/types';
import { REAL, realSeries } from '../../support/fixtures';

const s = defaultSettings();
const series = (points: Point[]): Series => ({ points, source: 'test' });
const daily = (from: string, values: number[]) => values.map((value, i) => ({ date: addDays(from, i), value }));

describe('BTC dominance', () => {
  it('reads value, 30-day change in points, zone and trend from the real CoinGecko snapshots', () => {
    const dom = realSeries().btcDominance!;
    const d = dominanceSignal(dom, '2026-09-02', '2026-09-02', s.dominance, 2)!;
    expect(d.value).toBe(59.05635811975453);
    expect(d.change30).toBeCloseTo(59.05635811975453 - 56.392, 8); // 2026-08-03
    expect(d.zone).toBe('pivotal');
    expect(d.trend).toBe('rising');
    // 2026-09-15 − 30 = 2026-08-16 has no snapshot; the last within 3 days is 2026-08-14
    const later = dominanceSignal(dom, '2026-09-15', '2026-09-15', s.dominance, 2)!;
    expect(later.change30).toBeCloseTo(58.32557423523065 - 56.1274, 8);
    expect(later.zone).toBe('neutral');
  });

  it('leaves a change unknown when the sparse history has no value near the start (never 0)', () => {
    const d = dominanceSignal(realSeries().btcDominance!, '2026-08-21', '2026-08-21', s.dominance, 2)!;
    expect(d.change30).toBeNull(); // 2026-07-22 ± 3 days has no snapshot
    expect(d.trend).toBeNull();
    expect(d.change90).toBeNull();
    expect(d.macd).toBeNull(); // 5 months of data, MACD needs 34
  });

  it('classifies the zones at the configured boundaries', () => {
    const z = s.dominance.zones;
    expect([49.99, 50, 54.9, 55, 58.9, 59, 62.99, 63, 70].map((v) => dominanceZone(v, z))).toEqual([
      'deep-alt',
      'alt',
      'alt',
      'neutral',
      'neutral',
      'pivotal',
      'pivotal',
      'btc',
      'btc',
    ]);
  });

  it('trend uses ±1 point over 30 days', () => {
    const mk = (delta: number) =>
      dominanceSignal(
        series(daily('2025-01-01', [...Array(30).fill(60), 60 + delta])),
        '2025-01-31',
        '2025-01-31',
        s.dominance,
        2,
      )!;
    expect(mk(1).trend).toBe('rising');
    expect(mk(0.99).trend).toBe('flat');
    expect(mk(-1).trend).toBe('falling');
  });

  it('monthly MACD runs on month-end values and reports the latest cross with its month', () => {
    // 40 months rising faster and faster (histogram clearly positive), then 5 falling: the bearish
    // cross must appear in the falling months
    const months: number[] = [];
    for (let i = 0; i < 40; i++) months.push(40 + 0.01 * i * i);
    for (let i = 0; i < 5; i++) months.push(55 - i * 3);
    const pts: Point[] = [];
    months.forEach((v, i) => {
      const y = 2020 + Math.floor(i / 12);
      const m = String((i % 12) + 1).padStart(2, '0');
      pts.push({ date: `${y}-${m}-10`, value: v - 5 }, { date: `${y}-${m}-25`, value: v });
    });
    const day = '2023-09-30'; // the 45th month, 2023-09, is complete on its last day
    const ends = monthEndValues(pts, day, 3);
    expect(ends.map((e) => e.value)).toEqual(months);
    const m = monthlyMacd(pts, day, s.dominance)!;
    const ref = macdSeries(months, 12, 26, 9);
    expect(ref[39]!.histogram).toBeGreaterThan(0);
    expect(m.month).toBe('2023-09');
    expect(m.histogram).toBeCloseTo(ref[44]!.histogram, 10);
    expect(m.lastCross?.type).toBe('bearish');
    expect(['2023-05', '2023-06', '2023-07', '2023-08', '2023-09']).toContain(m.lastCross?.month);
    // mid-month, the running month is not complete and is left out
    expect(monthEndValues(pts, '2023-09-15', 3)).toHaveLength(44);
    // before the fall, the last cross is not bearish
    expect(monthlyMacd(pts, '2023-04-30', s.dominance)!.lastCross?.type).not.toBe('bearish');
    // a month without any value breaks the run: only the months after it count (here too few: unknown)
    const gap = pts.filter((p) => !p.date.startsWith('2022-01'));
    expect(monthEndValues(gap, day, 3)).toHaveLength(44);
    expect(monthlyMacd(gap, day, s.dominance)).toBeNull(); // 20 months since the gap < 34 needed
    const early = pts.filter((p) => !p.date.startsWith('2020-03'));
    expect(monthlyMacd(early, day, s.dominance)!.months).toBe(42); // 2020-04 .. 2023-09
  });

  it('flags a rising wedge only when both lines rise and the lows rise faster', () => {
    const mk = (lo: (w: number) => number, hi: (w: number) => number) => {
      const pts: Point[] = [];
      for (let w = 0; w < 26; w++) {
        const monday = addDays('2025-01-06', w * 7);
        pts.push({ date: monday, value: lo(w) }, { date: addDays(monday, 3), value: hi(w) });
      }
      return risingWedge(pts, addDays('2025-01-06', 25 * 7 + 4), 26);
    };
    expect(
      mk(
        (w) => 50 + 0.4 * w,
        (w) => 56 + 0.2 * w,
      )?.rising,
    ).toBe(true);
    expect(
      mk(
        (w) => 50 + 0.2 * w,
        (w) => 56 + 0.4 * w,
      )?.rising,
    ).toBe(false); // widening
    expect(
      mk(
        (w) => 50 - 0.1 * w,
        (w) => 56 - 0.3 * w,
      )?.rising,
    ).toBe(false); // falling
    expect(risingWedge([{ date: '2025-01-06', value: 1 }], '2025-07-04', 26)).toBeNull();
  });
});

describe('ETH/BTC', () => {
  const real = realSeries().ethbtc!;
  it('30-day change and SMAs on the real Binance ETHBTC closes', () => {
    const e = ethbtcSignal(real, '2024-02-29', '2024-02-29', s.ethbtc, 2)!;
    const start = real.points.find((p) => p.date === '2024-01-30')!;
    expect(e.value).toBe(0.05463);
    expect(e.change30Pct).toBeCloseTo((0.05463 / start.value - 1) * 100, 8);
    const prior = real.points.filter((p) => p.date <= '2024-02-29');
    const avg = (n: number) => prior.slice(-n).reduce((a, p) => a + p.value, 0) / n;
    expect(e.sma50).toBeCloseTo(avg(50), 12);
    expect(e.sma200).toBeCloseTo(avg(200), 12);
    expect(e.aboveSma50).toBe(0.05463 > avg(50));
  });

  it('is stale two days after the last close', () => {
    expect(ethbtcSignal(real, '2024-02-29', '2024-03-02', s.ethbtc, 2)!.stale).toBe(false);
    expect(ethbtcSignal(real, '2024-02-29', '2024-03-03', s.ethbtc, 2)!.stale).toBe(true);
  });
});

describe('TOTAL3', () => {
  it('compares its 30-day change with BTC’s over the same dates', () => {
    const btc = realSeries().coins!.BTC!.closes;
    const t3 = series([
      { date: '2025-08-01', value: 800e9 },
      { date: '2025-08-31', value: 900e9 },
    ]);
    const t = total3Signal(t3, btc, '2025-08-31', '2025-08-31', s.total3, 2)!;
    const b0 = btc.points.find((p) => p.date === '2025-08-01')!.value;
    const b1 = btc.points.find((p) => p.date === '2025-08-31')!.value;
    expect(t.change30Pct).toBeCloseTo(12.5, 10);
    expect(t.btcChange30Pct).toBeCloseTo((b1 / b0 - 1) * 100, 8);
    expect(t.expandingFaster).toBe(12.5 > (b1 / b0 - 1) * 100);
    expect(total3Signal(t3, undefined, '2025-08-31', '2025-08-31', s.total3, 2)!.expandingFaster).toBeNull();
  });
});

describe('Fear & Greed', () => {
  it('bands at 25 / 45 / 55 / 75', () => {
    expect([0, 25, 26, 45, 46, 55, 56, 75, 76, 100].map((v) => fearGreedBand(v, s.fearGreed))).toEqual([
      'extreme-fear',
      'extreme-fear',
      'fear',
      'fear',
      'neutral',
      'neutral',
      'greed',
      'greed',
      'extreme-greed',
      'extreme-greed',
    ]);
  });

  it('reads the real alternative.me value of a known day', () => {
    const raw = readFileSync(resolve(REAL, 'series/fear-greed.csv'), 'utf8');
    const line = raw.split('\n').find((l) => l.startsWith('2025-04-08,'))!;
    const f = fearGreedSignal(realSeries().fearGreed!, '2025-04-08', '2025-04-08', s.fearGreed, 2)!;
    expect(f.value).toBe(Number(line.split(',')[1]));
    expect(f.asOf).toBe('2025-04-08');
    expect(f.source).toBe('fear-greed.csv');
  });
});

describe('derived ETH/BTC file', () => {
  it('parses with the product loader', () => {
    const text = readFileSync(resolve(REAL, 'raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv'), 'utf8');
    const parsed = parseSeriesCsv(text, 'ethbtc-derived.csv', { value: 'ethbtc_ratio', min: 0, minExclusive: true });
    expect(parsed.series.points[0]).toEqual({ date: '2024-01-01', value: 0.05323821 });
  });
});
