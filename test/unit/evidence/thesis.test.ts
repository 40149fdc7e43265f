/**
 * The thesis as stated (issue #19) on the shipped data, each number recomputed here by a plain reading
 * of the claim (CSV split by commas, dates with Date, loops over days) and pinned literally, so a
 * shared misreading would also have to match the literal. The ASI itself is the engine's (asiSignal):
 * what is tested here is the claim on top of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import type { ClaimOutcome } from '../../../lib/evidence/claims';
import { pool, STATED, type ClaimTest, type ThesisInput } from '../../../lib/evidence/thesis';
import type { ThesisReport } from '../../../lib/evidence/thesis-report';
import { verdictOf, eitherHorizon } from '../../../lib/evidence/thesis-summary';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiSignal } from '../../../lib/signals/asi';
import { REAL } from '../../support/paths';
import { shift } from './plain';
import { shippedReport } from './shipped';

type P = { date: string; value: number };
const csv = (file: string, col = 'value'): P[] => {
  const [head, ...rows] = readFileSync(join(REAL, file), 'utf8').trim().split(/\r?\n/);
  const i = head!.split(',').indexOf(col);
  return rows.map((r) => r.split(',')).map((c) => ({ date: c[0]!, value: Number(c[i]) }));
};
const weekly = csv('macro/btc-dominance-cmc-weekly.csv');
const daily = csv('macro/btc-dominance-cmc-daily.csv');
const cg = csv('macro/total3-coingecko.csv');
const cmc = csv('macro/total3-cmc-daily.csv');
const bcc = csv('macro/asi-blockchaincenter-90d.csv');
const last = (s: P[]) => s[s.length - 1]!.date;

const maps = new WeakMap<P[], Map<string, number>>();
const mapOf = (s: P[]) => maps.get(s) ?? (maps.set(s, new Map(s.map((p) => [p.date, p.value]))), maps.get(s)!);
/** The last value on or before `day`, no more than `tol` days earlier. */
function near(s: P[], day: string, tol: number): P | undefined {
  for (let k = 0; k <= tol; k++) {
    const d = shift(day, -k);
    const v = mapOf(s).get(d);
    if (v !== undefined) return { date: d, value: v };
  }
  return undefined;
}
/** The points dated from `from` to `to`, day by day. */
function between(s: P[], from: string, to: string): P[] {
  const out: P[] = [];
  for (let d = from; d <= to; d = shift(d, 1)) {
    const v = mapOf(s).get(d);
    if (v !== undefined) out.push({ date: d, value: v });
  }
  return out;
}

let r: ThesisReport;
const claim = (id: string) => r.thesis.claims.find((c) => c.spec.id === id)!;
const at = (c: ClaimTest, date: string) => c.events.find((e) => e.date === date)!.outcome;
const known = (o: ClaimOutcome) => {
  if (o.status !== 'known') throw new Error(`expected a known outcome, got ${JSON.stringify(o)}`);
  return o;
};

beforeAll(() => {
  r = shippedReport();
}, 60_000);

/** P(X ≥ x), X hypergeometric: n draws from N days of which K held. */
function hyperTail(N: number, K: number, n: number, x: number): number {
  const choose = (a: number, b: number) => {
    let v = 1;
    for (let i = 0; i < b; i++) v *= (a - i) / (i + 1);
    return v;
  };
  let p = 0;
  for (let j = x; j <= n; j++) p += (choose(K, j) * choose(N - K, n - j)) / choose(N, n);
  return p;
}

describe('the thesis after each Russell breakout (base ≥ 250 trading days, rut-long.csv 1999–2025)', () => {
  it('six breakouts; crypto data reaches 2016-11-14, 2020-11-13 and 2025-09-18', () => {
    expect(r.thesis.breakouts.map((e) => e.date)).toEqual([
      '2004-04-05',
      '2011-04-27',
      '2013-01-02',
      '2016-11-14',
      '2020-11-13',
      '2025-09-18',
    ]);
    expect(r.summary.judged.map((j) => [j.date, j.verdict])).toEqual([
      ['2016-11-14', 'held'],
      ['2020-11-13', 'held'],
      ['2025-09-18', 'not'],
    ]);
    expect(r.summary.beforeData).toEqual(['2004-04-05', '2011-04-27', '2013-01-02']);
  });

  it('(a) ASI ≥ 75 in 90–180 days: 2020-11-13 yes on blockchaincenter’s series (98 on 2021-04-16)', () => {
    const w = between(bcc, shift('2020-11-13', 90), shift('2020-11-13', 180));
    const peak = w.reduce((a, b) => (b.value > a.value ? b : a));
    expect(peak).toEqual({ date: '2021-04-16', value: 98 });
    expect(w.find((p) => p.value >= 75)!.date).toBe('2021-03-23');
    expect(known(at(claim('asi'), '2020-11-13'))).toMatchObject({
      held: true,
      value: 98,
      at: '2021-04-16',
      source: "blockchaincenter.net's published 90-day ASI (asi-blockchaincenter-90d.csv)",
    });
  });

  it('(a) 2025-09-18: not, on our ASI (days counting ≥ 40 coins): peak 39 on 2026-01-08', () => {
    const set = loadSeriesDir(join(REAL, 'series-full'));
    const s = defaultSettings();
    let best = { date: '', value: -1 };
    let days = 0;
    for (let d = shift('2025-09-18', 90); d <= shift('2025-09-18', 180); d = shift(d, 1)) {
      const a = asiSignal(set.coins!, d, d, s.asi, 2);
      if (a.value === null || a.counted < 40) continue;
      days++;
      if (a.value > best.value) best = { date: d, value: a.value };
    }
    expect(best).toEqual({ date: '2026-01-08', value: 39 });
    expect(days).toBeGreaterThanOrEqual(0.8 * 91);
    expect(known(at(claim('asi'), '2025-09-18'))).toMatchObject({ held: false, value: 39, at: '2026-01-08' });
    for (const d of ['2004-04-05', '2011-04-27', '2013-01-02', '2016-11-14'])
      expect(at(claim('asi'), d)).toMatchObject({ status: 'unknown' });
  });

  it('(b) dominance −10 points in 180 days: 2016-11-14 (−29.7), 2020-11-13 (−20.0), not 2025-09-18', () => {
    const fall = (s: P[], day: string, tol: number) => {
      const start = near(s, day, tol)!;
      const low = between(s, shift(day, 1), shift(day, 180)).reduce((a, b) => (b.value < a.value ? b : a));
      return { value: low.value - start.value, at: low.date };
    };
    const a = fall(weekly, '2016-11-14', 7);
    const b = fall(weekly, '2020-11-13', 7);
    const c = fall(daily, '2025-09-18', 3);
    expect(a.value).toBeCloseTo(-29.69, 2);
    expect(b.value).toBeCloseTo(-20.0, 2);
    expect(c.value).toBeCloseTo(0.04, 2);
    const d = claim('dominance');
    expect(known(at(d, '2016-11-14'))).toMatchObject({ held: true, at: a.at });
    expect(known(at(d, '2016-11-14')).value).toBeCloseTo(a.value, 10);
    expect(known(at(d, '2020-11-13')).value).toBeCloseTo(b.value, 10);
    expect(known(at(d, '2025-09-18'))).toMatchObject({
      held: false,
      source: 'CMC BTC dominance, daily (btc-dominance-cmc-daily.csv)',
    });
    expect(known(at(d, '2025-09-18')).value).toBeCloseTo(c.value, 10);
  });

  it('(c) TOTAL3 at +90 / +180 days: CoinGecko before 2024-07-15, CMC after; beside the claimed +200 to +400 %', () => {
    const ret = (s: P[], day: string, h: number) => near(s, shift(day, h), 3)!.value / near(s, day, 3)!.value - 1;
    const want: [string, P[], number, number][] = [
      ['2016-11-14', cg, 0.249, 10.814],
      ['2020-11-13', cg, 2.086, 7.771],
      ['2025-09-18', cmc, -0.275, -0.356],
    ];
    for (const [day, s, r90, r180] of want) {
      expect(ret(s, day, 90)).toBeCloseTo(r90, 3);
      expect(ret(s, day, 180)).toBeCloseTo(r180, 3);
      expect(known(at(claim('total3-90'), day)).value).toBeCloseTo(ret(s, day, 90), 10);
      expect(known(at(claim('total3-180'), day)).value).toBeCloseTo(ret(s, day, 180), 10);
      expect(known(at(claim('total3-90'), day)).held).toBe(ret(s, day, 90) >= 2);
    }
    expect(known(at(claim('total3-180'), '2025-09-18')).source).toBe('CMC TOTAL3, daily (total3-cmc-daily.csv)');
  });
});

describe('beside every day with data, and placebo dates', () => {
  it('dominance: every day 2013–2025 whose 180 days the data hold; 897 of 4,553 fell 10 points', () => {
    let n = 0;
    let held = 0;
    for (let d = weekly[0]!.date; d <= last(daily); d = shift(d, 1)) {
      const [s, tol] = d >= daily[0]!.date ? [daily, 3] : [weekly, 7];
      if (d > last(s)) continue;
      const start = near(s, d, tol);
      if (!start) continue;
      const w = between(s, shift(d, 1), shift(d, 180));
      const low = Math.min(...w.map((p) => p.value));
      if (low - start.value <= -10) held++;
      else if (shift(d, 180) > last(s) || !near(s, shift(d, 180), tol)) continue;
      n++;
    }
    expect([n, held]).toEqual([4553, 897]);
    const c = claim('dominance');
    expect([c.base.n, c.base.held]).toEqual([n, held]);
    expect(c.base.interval).toMatchObject({ block: 180, resamples: 2000, level: 0.95 });
    expect(c.base.interval!.lo).toBeLessThan(held / n);
    expect(c.base.interval!.hi).toBeGreaterThan(held / n);
  });

  it('TOTAL3 +200 % at +180: 522 of 3,723 days (all of them on CoinGecko, none on CMC)', () => {
    let n = 0;
    let held = 0;
    for (let d = cg[0]!.date; d <= last(cmc); d = shift(d, 1)) {
      const s = d >= cmc[0]!.date ? cmc : cg;
      const a = near(s, d, 3);
      const b = shift(d, 180) <= last(s) ? near(s, shift(d, 180), 3) : undefined;
      if (!a || !b) continue;
      n++;
      if (b.value / a.value - 1 >= 2) held++;
    }
    expect([n, held]).toEqual([3723, 522]);
    expect([claim('total3-180').base.n, claim('total3-180').base.held]).toEqual([n, held]);
  });

  it('ASI on blockchaincenter’s days: 180 of 373 windows reached 75 (days 2020-07-04..2021-07-11)', () => {
    let n = 0;
    let held = 0;
    for (let d = shift(bcc[0]!.date, -90); shift(d, 180) <= last(bcc); d = shift(d, 1)) {
      n++;
      if (between(bcc, shift(d, 90), shift(d, 180)).some((p) => p.value >= 75)) held++;
    }
    expect([n, held]).toEqual([373, 180]);
    expect(claim('asi').base.bySource[0]).toMatchObject({ n, held, first: '2020-07-04', last: '2021-07-11' });
  });

  it('ASI on our own days (≥ 40 coins counted, 2024-04-09..2026-03-18): 198 of 619 windows reached 75', () => {
    const set = loadSeriesDir(join(REAL, 'series-full'));
    const s = defaultSettings();
    const own = new Map<string, number>();
    for (let d = '2024-01-01'; d <= '2026-08-31'; d = shift(d, 1)) {
      const a = asiSignal(set.coins!, d, d, s.asi, 2);
      if (a.value !== null && a.asOf === d && a.counted >= 40) own.set(d, a.value);
    }
    const days = [...own.keys()].sort();
    expect([days[0], days.at(-1)]).toEqual(['2024-04-09', '2026-03-18']);
    let n = 0;
    let held = 0;
    for (let d = shift(days[0]!, -90); shift(d, 90) <= days.at(-1)!; d = shift(d, 1)) {
      const w: number[] = [];
      for (let x = shift(d, 90); x <= shift(d, 180); x = shift(x, 1)) if (own.has(x)) w.push(own.get(x)!);
      if (w.some((v) => v >= 75)) held++;
      else if (shift(d, 180) > days.at(-1)! || w.length < 0.8 * 91) continue;
      n++;
    }
    expect([n, held]).toEqual([619, 198]);
    expect(claim('asi').base.bySource[1]).toMatchObject({ n, held, first: '2024-01-10', last: '2025-09-19' });
  }, 30_000);

  it('the placebo p is the exact chance that k random pool days hold as often (within 4 sd of 10,000 draws)', () => {
    for (const c of r.thesis.claims) {
      const p = c.permutation!;
      expect(p).toMatchObject({ k: c.known, pool: c.base.n, permutations: 10_000 });
      const exact = hyperTail(c.base.n, c.base.held, c.known, c.held);
      expect(Math.abs(p.p - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 10_000) + 1e-4);
    }
    // dominance: 2 of 3 held where 19.7 % of days do. By hand (binomial): 3 · 0.197² · 0.803 + 0.197³ ≈ 0.1011.
    expect(hyperTail(4553, 897, 3, 2)).toBeCloseTo(0.1011, 3);
  });

  it('sensitivity: base 150 adds three breakouts, 350 none; windows of 90 and 180 days', () => {
    expect(r.thesis.sensitivity.map((s) => [s.baseDays, s.window, s.breakouts.length])).toEqual([
      [150, 90, 9],
      [150, 180, 9],
      [250, 90, 6],
      [250, 180, 6],
      [350, 90, 6],
      [350, 180, 6],
    ]);
    expect(r.thesis.sensitivity[0]!.breakouts.filter((d) => !r.thesis.breakouts.some((b) => b.date === d))).toEqual([
      '2004-11-09',
      '2014-12-26',
      '2021-11-02',
    ]);
    // Within 90 days, dominance never fell 10 points after a breakout with data.
    const dom90 = r.thesis.sensitivity[2]!.claims.find((c) => c.family === 'dominance')!;
    expect([dom90.held, dom90.known]).toEqual([0, 3]);
    expect(dom90.p).toBe(1);
  });

  it('SPY (Yahoo, 2021-03-24..2026-03-23): one breakout, 2024-01-19, shown alone and never pooled', () => {
    const j = JSON.parse(readFileSync(join(REAL, 'raw/yahoo-chart/SPY.json'), 'utf8')).chart.result[0];
    const closes: number[] = j.indicators.quote[0].close;
    let ath = closes[0]!;
    let atI = 0;
    const found: number[] = [];
    for (let i = 1; i < closes.length - 1; i++) {
      if (closes[i] == null || !(closes[i]! > ath)) continue;
      if (i - atI >= 250) found.push(i);
      ath = closes[i]!;
      atI = i;
    }
    const ny = (t: number) => new Date((t - 5 * 3600) * 1000).toISOString().slice(0, 10);
    expect(found.map((i) => ny(j.timestamp[i]))).toEqual(['2024-01-19']);
    const spy = r.thesis.others[0]!;
    expect(spy).toMatchObject({ name: 'SPY', first: '2021-03-24', last: '2026-03-23' });
    expect(spy.breakouts.map((b) => b.date)).toEqual(['2024-01-19']);
    expect(r.thesis.claims.every((c) => c.events.every((e) => e.date !== '2024-01-19'))).toBe(true);
  });
});

describe('pool and verdicts on a series small enough to read', () => {
  it('every day whose window the data hold: here 4 days, 1 of them a 10-point fall', () => {
    const dom = [60, 55, 49, 50, 48, 60].map((value, i) => ({ date: `2024-01-0${i + 1}`, value }));
    const inp: ThesisInput = {
      russell: { points: [], source: 'none' },
      asi: [],
      dominance: [{ points: dom, source: 'd', tol: 3 }],
      total3: [],
      others: [],
    };
    // Day 1 (60): days 2–3 hold 55, 49 → −11; day 2 (55): 49 → −6; day 3 (49): 50, 48 → −1; day 4 (50): 48 → −2.
    const days = pool(inp, { id: 't', family: 'dominance', lo: 1, hi: 2, threshold: 10 });
    expect(days.map((d) => [d.day, d.held, d.value])).toEqual([
      ['2024-01-01', true, -11],
      ['2024-01-02', false, -6],
      ['2024-01-03', false, -1],
      ['2024-01-04', false, -2],
    ]);
  });

  it('a breakout held when every known claim held, in part when some did; TOTAL3 held at either horizon', () => {
    const yes = { status: 'known', held: true, value: 1, at: 'x', source: 's' } as const;
    const no = { ...yes, held: false } as const;
    const pending = { status: 'pending', why: 'later' } as const;
    const unknown = { status: 'unknown', why: 'none' } as const;
    expect(verdictOf([yes, yes, unknown])).toBe('held');
    expect(verdictOf([yes, no])).toBe('part');
    expect(verdictOf([no, pending])).toBe('not');
    expect(verdictOf([pending, unknown])).toBe('pending');
    expect(verdictOf([unknown])).toBeNull();
    expect(eitherHorizon(no, yes)).toBe(yes);
    expect(eitherHorizon(no, pending)).toBe(pending);
    expect(STATED.map((c) => c.id)).toEqual(['asi', 'dominance', 'total3-90', 'total3-180']);
  });
});
