/**
 * BTC dominance on the real series-full: CoinMarketCap's history is weekly (Mondays) until 2024-07-08 and daily
 * after. The change windows and month-end values take a value within the series' own spacing, so the signal is
 * whole on every day from 2024-07-15; the monthly MACD crosses and the weekly wedge lines are recomputed here
 * independently (CSV read with split, weeks and months with Date, EMAs and least squares written out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { addDays } from '../../../lib/series/dates';
import { pointAtSpacing, upTo } from '../../../lib/series/lookup';
import type { Point } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { dominanceSignal, monthEndValues, monthlyMacd, risingWedge } from '../../../lib/signals/dominance';
import { computeSignals } from '../../../lib/signals/signals';
import { REAL_SERIES_FULL } from '../../support/fixtures';

const s = defaultSettings();
const set = loadSeriesDir(REAL_SERIES_FULL);
const dom = set.btcDominance!;
const rows: [string, number][] = readFileSync(join(REAL_SERIES_FULL, 'btc-dominance.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map(([d, v]) => [d!, Number(v)]);
const val = new Map(rows);
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('dominance on the weekly-then-daily real history', () => {
  it('the file is weekly (Mondays) until 2024-07-08 and daily from 2024-07-15', () => {
    const weekly = rows.filter(([d]) => d <= '2024-07-08');
    expect(weekly.every(([d]) => new Date(utc(d)).getUTCDay() === 1)).toBe(true);
    const daily = rows.filter(([d]) => d >= '2024-07-15').map(([d]) => d);
    expect(daily.every((d, i) => i === 0 || utc(d) - utc(daily[i - 1]!) === 86_400_000)).toBe(true);
  });

  it('value, zone, 30/90-day changes, trend, MACD with its last cross on every day 2024-07-15..2026-03-18', () => {
    const missing: string[] = [];
    for (let d = '2024-07-15'; d <= '2026-03-18'; d = addDays(d, 1)) {
      const x = computeSignals(set, s, d, d).dominance;
      if (
        !x ||
        x.stale ||
        x.asOf !== d ||
        x.change30 === null ||
        x.change90 === null ||
        x.trend === null ||
        !x.zone ||
        !x.macd?.lastCross
      )
        missing.push(d);
    }
    expect(missing).toEqual([]);
  });

  it('a change reaching into the weekly stretch starts from the Monday on or before its start day', () => {
    const at = (d: string) => dominanceSignal(dom, d, d, s.dominance, 2)!;
    // 2024-07-15 − 30 = 2024-06-15 (a Saturday): the weekly value of Monday 2024-06-10
    expect(at('2024-07-15').change30).toBeCloseTo(val.get('2024-07-15')! - val.get('2024-06-10')!, 9);
    // 2024-07-18 − 90 = 2024-04-19: Monday 2024-04-15
    expect(at('2024-07-18').change90).toBeCloseTo(val.get('2024-07-18')! - val.get('2024-04-15')!, 9);
    // in the daily stretch the usual 3-day tolerance: 2025-03-31 − 30 = 2025-03-01 itself
    expect(at('2025-03-31').change30).toBeCloseTo(val.get('2025-03-31')! - val.get('2025-03-01')!, 9);
  });

  it('the spacing is the series’ rhythm, not its holes: a missed week or a 10-day hole stays a gap', () => {
    const weekly: Point[] = [];
    for (let w = 0; w < 12; w++) if (w !== 6) weekly.push({ date: addDays('2024-01-01', 7 * w), value: 50 + w });
    expect(pointAtSpacing(weekly, '2024-02-04', 3)?.date).toBe('2024-01-29'); // Sunday after a weekly Monday
    expect(pointAtSpacing(weekly, '2024-02-13', 3)).toBeUndefined(); // the week of 2024-02-12 is missing
    const daily: Point[] = [];
    for (let i = 0; i < 40; i++) if (i < 15 || i > 24) daily.push({ date: addDays('2025-01-01', i), value: 55 });
    expect(pointAtSpacing(daily, '2025-01-18', 3)?.date).toBe('2025-01-15');
    expect(pointAtSpacing(daily, '2025-01-20', 3)).toBeUndefined(); // 5 days after the last close before the hole
  });

  it('month-end: the last Monday of a weekly month, the last day of a daily one; a month cut short has none', () => {
    const ends = new Map(monthEndValues(dom.points, '2024-08-31', 3).map((m) => [m.month, m.value]));
    expect(ends.get('2024-06')).toBe(val.get('2024-06-24'));
    expect(ends.get('2024-07')).toBe(val.get('2024-07-31'));
    expect(ends.get('2024-08')).toBe(val.get('2024-08-31'));
    const cut = dom.points.filter((p) => p.date < '2024-08-20' || p.date >= '2024-09-01');
    expect(monthEndValues(cut, '2024-09-30', 3).map((m) => m.month)).not.toContain('2024-08');
    // and the MACD then starts its unbroken run after the gap: too few months
    expect(monthlyMacd(cut, '2024-09-30', s.dominance)).toBeNull();
  });
});

/** Month-end values, MACD (12, 26, 9; EMAs seeded with the SMA of their first n values) and every cross. */
function plainCrosses(until: string): { type: 'bullish' | 'bearish'; month: string }[] {
  const byMonth = new Map<string, number>();
  for (const [d, v] of rows) if (d <= until) byMonth.set(d.slice(0, 7), v); // ascending: the last wins
  const months = [...byMonth.keys()];
  const v = [...byMonth.values()];
  const ema = (x: number[], n: number) => {
    const out: (number | undefined)[] = x.map(() => undefined);
    let e = x.slice(0, n).reduce((a, b) => a + b, 0) / n;
    out[n - 1] = e;
    for (let i = n; i < x.length; i++) out[i] = e = (2 / (n + 1)) * x[i]! + (1 - 2 / (n + 1)) * e;
    return out;
  };
  const f = ema(v, 12);
  const sl = ema(v, 26);
  const macd = v.slice(25).map((_, j) => f[j + 25]! - sl[j + 25]!);
  const sig = ema(macd, 9);
  const out: { type: 'bullish' | 'bearish'; month: string }[] = [];
  for (let j = 9; j < macd.length; j++) {
    const prev = macd[j - 1]! - sig[j - 1]!;
    const cur = macd[j]! - sig[j]!;
    if (prev <= 0 && cur > 0) out.push({ type: 'bullish', month: months[j + 25]! });
    if (prev >= 0 && cur < 0) out.push({ type: 'bearish', month: months[j + 25]! });
  }
  return out;
}

describe('monthly MACD crosses of the shipped CMC dominance (docs/ENGINE.md lists them)', () => {
  const crosses = plainCrosses('2026-03-31');

  it('are these since the MACD first exists (2016-01): bearish at the end of 2025-09, and 2022 whipsawed', () => {
    expect(crosses.map((c) => `${c.type} ${c.month}`)).toEqual([
      'bearish 2016-05',
      'bullish 2016-11',
      'bearish 2017-03',
      'bullish 2018-07',
      'bearish 2020-08',
      'bullish 2022-07',
      'bearish 2022-09',
      'bullish 2022-10',
      'bearish 2022-11',
      'bullish 2022-12',
      'bearish 2025-09',
    ]);
  });

  it('the engine reports the latest of them at every month end, across the switch to daily data', () => {
    const wrong: string[] = [];
    for (let m = '2016-06'; m <= '2026-03'; m = addDays(`${m}-28`, 7).slice(0, 7)) {
      const end = new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);
      const want = plainCrosses(end).at(-1) ?? null;
      const got = monthlyMacd(upTo(dom.points, end), end, s.dominance)?.lastCross ?? null;
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${m}: ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('rising wedge on the real weeks', () => {
  /** Per ISO week (Monday key) the highest and lowest value, then least squares of each on weeks since the first. */
  function plainWedge(day: string, weeks = 26) {
    const monday = (d: string) => {
      const t = utc(d);
      return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    const first = new Date(utc(monday(day)) - 7 * (weeks - 1) * 86_400_000).toISOString().slice(0, 10);
    const wk = new Map<string, number[]>();
    for (const [d, v] of rows) if (d >= first && d <= day) wk.set(monday(d), [...(wk.get(monday(d)) ?? []), v]);
    const keys = [...wk.keys()].sort();
    const x = keys.map((k) => (utc(k) - utc(first)) / (7 * 86_400_000));
    const slope = (y: number[]) => {
      const mx = x.reduce((a, b) => a + b, 0) / x.length;
      const my = y.reduce((a, b) => a + b, 0) / y.length;
      let sxy = 0;
      let sxx = 0;
      x.forEach((xi, i) => ((sxy += (xi - mx) * (y[i]! - my)), (sxx += (xi - mx) ** 2)));
      return sxy / sxx;
    };
    return {
      highSlope: slope(keys.map((k) => Math.max(...wk.get(k)!))),
      lowSlope: slope(keys.map((k) => Math.min(...wk.get(k)!))),
      weeks: keys.length,
      singleCloseWeeks: keys.filter((k) => wk.get(k)!.length === 1).length,
    };
  }

  it.each([
    ['2024-07-08', 26, false], // all weekly: one close a week is its high and its low, the two lines are one
    ['2024-10-15', 12, false], // 12 weekly weeks, then daily ones
    ['2025-03-12', 0, true], // daily: both lines rising, the lows faster
    ['2025-12-18', 0, false], // daily, falling
  ] as const)(
    '%s: slopes from each week’s high and low of its closes (%i single-close weeks)',
    (day, single, rising) => {
      const w = risingWedge(upTo(dom.points, day), day, s.dominance.wedgeWeeks)!;
      const want = plainWedge(day);
      expect(w.weeks).toBe(26);
      expect(want.singleCloseWeeks).toBe(single);
      expect(w.singleCloseWeeks).toBe(single);
      expect(w.highSlope).toBeCloseTo(want.highSlope, 12);
      expect(w.lowSlope).toBeCloseTo(want.lowSlope, 12);
      expect(w.rising).toBe(rising);
      expect(want.highSlope > 0 && want.lowSlope > want.highSlope).toBe(rising);
      if (single === 26) expect(w.highSlope).toBe(w.lowSlope);
    },
  );
});
