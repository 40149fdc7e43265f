/**
 * Every monthly MACD (12, 26, 9) bearish cross of CMC BTC dominance, recomputed here from the CSVs
 * with a plain EMA (seeded with the SMA of its first values, the engine's convention) and pinned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dominanceMacd } from '../../../lib/evidence/dominance-macd';
import type { ThesisReport } from '../../../lib/evidence/thesis-report';
import { defaultSettings } from '../../../lib/settings/defaults';
import { REAL } from '../../support/paths';
import { shippedReport } from './shipped';

type P = { date: string; value: number };
const csv = (file: string): P[] =>
  readFileSync(join(REAL, file), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((r) => r.split(','))
    .map((c) => ({ date: c[0]!, value: Number(c[1]) }));

const weekly = csv('macro/btc-dominance-cmc-weekly.csv');
const daily = csv('macro/btc-dominance-cmc-daily.csv');
/** Weekly points before the daily series starts, then the daily ones. */
const joined = [...weekly.filter((p) => p.date < daily[0]!.date), ...daily];

/** Last value of each month, the month of the data's last day left out when incomplete (2026-04 here). */
function monthEnds(points: P[], incomplete = '2026-04'): { month: string; value: number }[] {
  const m = new Map<string, number>();
  for (const p of points) m.set(p.date.slice(0, 7), p.value);
  return [...m.entries()].filter(([k]) => k !== incomplete).map(([month, value]) => ({ month, value }));
}

function ema(xs: number[], n: number): (number | null)[] {
  const out: (number | null)[] = xs.map(() => null);
  let prev = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  out[n - 1] = prev;
  for (let i = n; i < xs.length; i++) out[i] = prev = (2 / (n + 1)) * xs[i]! + (1 - 2 / (n + 1)) * prev;
  return out;
}

/** Months where MACD − signal turns from ≥ 0 to < 0 (bearish) or from ≤ 0 to > 0 (bullish). */
function plainCrosses(points = joined, incomplete = '2026-04') {
  const months = monthEnds(points, incomplete);
  const v = months.map((m) => m.value);
  const f = ema(v, 12);
  const s = ema(v, 26);
  const line = v.map((_, i) => (i >= 25 ? f[i]! - s[i]! : null));
  const sig = ema(line.slice(25) as number[], 9);
  const hist = line.map((l, i) => (i >= 33 ? l! - sig[i - 25]! : null));
  const out: { month: string; type: string }[] = [];
  for (let i = 34; i < months.length; i++) {
    if (hist[i - 1]! >= 0 && hist[i]! < 0) out.push({ month: months[i]!.month, type: 'bearish' });
    if (hist[i - 1]! <= 0 && hist[i]! > 0) out.push({ month: months[i]!.month, type: 'bullish' });
  }
  return { months, out, first: months[33]!.month };
}

let r: ThesisReport;
beforeAll(() => {
  r = shippedReport();
}, 60_000);

describe('BTC dominance monthly MACD bearish crosses (CMC weekly to 2024-07-08, then daily)', () => {
  it('six bearish crosses, 2016-05 to 2025-09, as a plain MACD finds them', () => {
    const plain = plainCrosses();
    expect(plain.first).toBe('2016-01');
    const bearish = plain.out.filter((c) => c.type === 'bearish').map((c) => c.month);
    expect(bearish).toEqual(['2016-05', '2017-03', '2020-08', '2022-09', '2022-11', '2025-09']);
    const m = r.macd!;
    expect(m.rule).toEqual({ fast: 12, slow: 26, signal: 9, firstMonth: '2016-01', lastMonth: '2026-03' });
    expect(m.crosses.map((c) => ({ month: c.month, type: c.type }))).toEqual(plain.out);
    // The two histories agree on the 53 Mondays both have.
    expect(m.join!.days).toBe(53);
    expect(m.join!.maxAbsDiff).toBeLessThan(0.01);
  });

  it('dominance 3 and 6 months after each cross, and the 10-point fall within 6 months (2017-03 only)', () => {
    const months = plainCrosses().months;
    const idx = (m: string) => months.findIndex((x) => x.month === m);
    for (const c of r.macd!.crosses) {
      const i = idx(c.month);
      expect(c.value).toBe(months[i]!.value);
      expect(c.change[3]).toBeCloseTo(months[i + 3]!.value - months[i]!.value, 10);
      expect(c.change[6]).toBeCloseTo(months[i + 6]!.value - months[i]!.value, 10);
    }
    const mar17 = r.macd!.crosses.find((c) => c.month === '2017-03')!;
    expect(mar17.change[3]).toBeCloseTo(-26.7, 1);
    // Lowest weekly value from April to September 2017, against March's last week (67.1).
    const low = Math.min(...joined.filter((p) => p.date > '2017-03-31' && p.date <= '2017-09-30').map((p) => p.value));
    expect(mar17.fall).toMatchObject({ status: 'known', held: true });
    expect(mar17.fall.status === 'known' && mar17.fall.value).toBeCloseTo(low - mar17.value, 10);
    const b = r.macd!.bearish;
    expect([b.fall.held, b.fall.known]).toEqual([1, 6]);
    expect(b.n).toBe(6);
    expect(b.change[6].events.n).toBe(6);
  });

  it('every month as the base rate: changes known for 153 (+3) and 150 (+6) month-ends', () => {
    const b = r.macd!.bearish;
    const months = plainCrosses().months;
    expect(months).toHaveLength(156); // 2013-04 .. 2026-03
    expect(b.change[3].base.n).toBe(156 - 3);
    expect(b.change[6].base.n).toBe(156 - 6);
    expect(b.fall.base.n).toBe(150);
    expect(b.fall.base.interval).toMatchObject({ block: 6 });
    // The 10-point fall after any month: from its last value, the lowest value in the next 6 months.
    const lastDayOf = (m: string) => new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);
    let held = 0;
    for (let i = 0; i + 6 < months.length; i++) {
      const from = lastDayOf(months[i]!.month);
      const to = lastDayOf(months[i + 6]!.month);
      const low = Math.min(...joined.filter((p) => p.date > from && p.date <= to).map((p) => p.value));
      if (low - months[i]!.value <= -10) held++;
    }
    expect(held).toBe(32);
    expect(b.fall.base.held).toBe(held);
  });

  it('a crafted series: an accelerating rise then a drop gives one bearish cross, at the drop', () => {
    // Rising faster each month (the MACD above its lagging signal), then 36 points down at month 41 (2013-05).
    const pts: P[] = [];
    for (let i = 0; i < 48; i++) {
      const y = 2010 + Math.floor(i / 12);
      const m = String((i % 12) + 1).padStart(2, '0');
      pts.push({ date: `${y}-${m}-28`, value: i < 40 ? 20 + 0.05 * i * i : 60 - (i - 40) });
    }
    const res = dominanceMacd({ points: pts, source: 'x', tol: 7 }, '2013-12-31', defaultSettings().dominance, {
      permutations: 100,
      resamples: 100,
      seed: 1,
    });
    expect(res.rule.firstMonth).toBe('2012-10'); // the 34th month-end
    expect(plainCrosses(pts, 'none').out).toEqual([{ month: '2013-05', type: 'bearish' }]);
    expect(res.crosses.map((c) => `${c.type} ${c.month}`)).toEqual(['bearish 2013-05']);
    // 2013-05 (value 60): +3 months 2013-08 is 57, +6 months 2013-11 is 54.
    expect(res.crosses[0]!.change).toEqual({ 3: -3, 6: -6 });
  });
});
