import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeEvidence } from '../../../lib/evidence/compute';
import type { EvidenceResult, Outcome } from '../../../lib/evidence/types';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { SERIES_FILES } from '../../../lib/series/files';
import type { SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiSignal } from '../../../lib/signals/asi';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { REAL_SERIES, REAL_SERIES_FULL, realSeries } from '../../support/fixtures';
import { closeNear, lastDay, median, readCloses, readCoins, ret, shift } from './plain';

const s = defaultSettings();
const H = [30, 90, 180] as const;
const ethbtc = readCloses(join(REAL_SERIES, 'ethbtc.csv'));
const coins = readCoins(join(REAL_SERIES, 'coins'));
const rutLong = readCloses(join(REAL_SERIES, 'rut-long.csv'));
/** ETH ÷ BTC on the days both closed. */
const derived = new Map(
  [...coins.ETH!].flatMap(([d, v]) => (coins.BTC!.has(d) ? [[d, v / coins.BTC!.get(d)!] as [string, number]] : [])),
);
/** SIGNALS.md §2's one rule: the pair's close, else ETH ÷ BTC of that day. */
const ethbtcOrDerived = new Map([...derived, ...ethbtc]);

let long: EvidenceResult;
let set: SeriesSet;
beforeAll(() => {
  const rut = parseSeriesCsv(
    readFileSync(join(REAL_SERIES, 'rut-long.csv'), 'utf8'),
    'rut-long.csv',
    SERIES_FILES.rut.spec,
  ).series;
  set = { ...realSeries(), rut };
  long = computeEvidence(set, s, '2025-09-24')!;
});

const value = (o: Outcome) => (o.status === 'known' ? o.value : o.status);
const event = (date: string, kind = 'breakout') => long.events.find((e) => e.date === date && e.kind === kind)!;

/** Equal-weight basket of every altcoin file with closes near both ends, priced in BTC. */
function plainBasket(day: string, h: number) {
  const rs: number[] = [];
  for (const [sym, c] of Object.entries(coins)) {
    if (sym === 'BTC') continue;
    const a = closeNear(c, day);
    const b = closeNear(c, shift(day, h));
    if (a !== undefined && b !== undefined) rs.push(b / a - 1);
  }
  const mean = rs.reduce((x, y) => x + y, 0) / rs.length;
  return { value: (1 + mean) / (1 + ret(coins.BTC!, day, h)!) - 1, coins: rs.length };
}

describe('forward outcomes on the real data equal a plain computation', () => {
  it('the fixture coins are all altcoins (none on the exclusion list), so the plain basket may take them all', () => {
    expect(Object.keys(coins).filter((c) => s.asi.excludeSymbols.includes(c))).toEqual([]);
  });

  it('ETH/BTC after the 2020-11-13 breakout: from ethbtc.csv (+5.6 %, +27.6 %, +163.7 %)', () => {
    const e = event('2020-11-13');
    for (const h of H) {
      expect(value(e.outcomes.ethbtc[h])).toBeCloseTo(ret(ethbtc, '2020-11-13', h)!, 12);
      // one series, the pair completed by ETH ÷ BTC after its end; these ends read the pair only, and say so
      expect(e.outcomes.ethbtc[h]).toMatchObject({ source: 'ethbtc.csv' });
    }
    expect(value(e.outcomes.ethbtc[180])).toBeCloseTo(1.6369, 4);
  });

  it('ETH/BTC after 2025-09-18 (past ethbtc.csv’s end): from ETH ÷ BTC closes; the equal-weight basket; the ASI path', () => {
    const e = event('2025-09-18');
    for (const h of H) {
      expect(value(e.outcomes.ethbtc[h])).toBeCloseTo(ret(derived, '2025-09-18', h)!, 12);
      const b = plainBasket('2025-09-18', h);
      expect(value(e.outcomes.basketEqual[h])).toBeCloseTo(b.value, 12);
      expect(e.outcomes.basketEqual[h]).toMatchObject({ coins: b.coins });
      // ASI change from the engine's own ASI of each day.
      const at = (d: string) => asiSignal(set.coins, d, d, s.asi, 2).value!;
      expect(value(e.outcomes.asi[h])).toBe(at(shift('2025-09-18', h)) - at('2025-09-18'));
      expect(e.asiPath.at[h]).toBe(at(shift('2025-09-18', h)));
    }
    expect(e.asiPath.start).toBe(80);
    expect(value(e.outcomes.basketEqual[180])).toBeLessThan(0); // a miss, stated as such below
  });

  it('what has no data is unknown, never 0: early breakouts, cap weights without caps, dominance before its snapshots, no TOTAL3 file', () => {
    for (const d of ['2004-04-05', '2011-04-27', '2013-01-02', '2016-11-14']) {
      for (const byH of Object.values(event(d).outcomes)) for (const h of H) expect(byH[h].status).toBe('unknown');
      expect(event(d).asiPath.start).toBeNull();
    }
    const e = event('2025-09-18');
    for (const h of H) {
      expect(e.outcomes.basketCap[h].status).toBe('unknown');
      expect(e.outcomes.dominance[h].status).toBe('unknown'); // snapshots start 2026-04-24
      expect(e.outcomes.total3[h]).toEqual({ status: 'unknown', why: 'no TOTAL3 series' });
    }
    expect(long.summary.breakout.total3[90].base.n).toBe(0);
    expect(long.summary.breakout.total3[90].base.median).toBeNull();
  });

  it('a horizon past the data is pending (not yet known), never estimated', () => {
    const cut = (c: { closes: { points: { date: string }[] } }) => ({
      ...c,
      closes: { ...c.closes, points: c.closes.points.filter((p) => p.date <= '2025-12-01') },
    });
    const short: SeriesSet = {
      ...set,
      ethbtc: { ...set.ethbtc!, points: set.ethbtc!.points.filter((p) => p.date <= '2025-12-01') },
      coins: Object.fromEntries(Object.entries(set.coins!).map(([k, c]) => [k, cut(c) as typeof c])),
    };
    const r = computeEvidence(short, s, '2025-09-24')!;
    const e = r.events.find((x) => x.date === '2025-09-18')!;
    expect(e.outcomes.ethbtc[30].status).toBe('known');
    expect(e.outcomes.ethbtc[90]).toMatchObject({ status: 'pending' });
    expect(e.outcomes.basketEqual[180]).toMatchObject({ status: 'pending' });
    expect(e.outcomes.asi[90]).toMatchObject({ status: 'pending' });
    expect(e.asiPath.at[90]).toBeNull();
    expect(e.asiPath.peak[90]).toBeNull();
    expect(r.summary.breakout.ethbtc[90].events).toMatchObject({ n: 1, pending: 1, unknown: 4 });
  });
});

describe('events vs the base rate (every Russell trading day)', () => {
  it('breakouts: 6 found; ETH/BTC known after 2 of them, 1 hit (2020) and 1 miss (2025) at every horizon', () => {
    expect(long.events.filter((e) => e.kind === 'breakout')).toHaveLength(6);
    for (const h of H) {
      expect(long.summary.breakout.ethbtc[h].events).toMatchObject({
        n: 2,
        hits: 1,
        misses: 1,
        pending: 0,
        unknown: 4,
        sharePositive: 0.5,
      });
      expect(long.summary.breakout.basketEqual[h].events).toMatchObject({ n: 1, hits: 0, misses: 1, unknown: 5 });
    }
  });

  it('the ETH/BTC base rate is every rut-long day’s plain forward return (ethbtc.csv, else ETH ÷ BTC)', () => {
    for (const h of H) {
      const vals = [...rutLong.keys()].flatMap((d) => {
        const v = ret(ethbtcOrDerived, d, h);
        return v === undefined ? [] : [v];
      });
      const b = long.summary.breakout.ethbtc[h].base;
      expect(b.n).toBe(vals.length);
      expect(b.median).toBeCloseTo(median(vals), 12);
      expect(b.sharePositive).toBeCloseTo(vals.filter((v) => v > 0).length / vals.length, 12);
    }
  });

  it('the equal-weight basket base rate matches the plain basket on every rut-long day with coin data', () => {
    const btcEnd = lastDay(coins.BTC!);
    for (const h of [90] as const) {
      const vals = [...rutLong.keys()]
        .filter((d) => closeNear(coins.BTC!, d) !== undefined && shift(d, h) <= btcEnd)
        .map((d) => plainBasket(d, h).value);
      const b = long.summary.breakout.basketEqual[h].base;
      expect(b.n).toBe(vals.length);
      expect(b.median).toBeCloseTo(median(vals), 12);
    }
  });

  it('the default rut.csv gives the two recent breakouts with the same outcomes', () => {
    const r = computeEvidence(realSeries(), s, '2026-08-21')!;
    expect(r.events.map((e) => `${e.kind} ${e.date}`)).toEqual([
      'breakout 2020-11-13',
      'weekly 2020-11-13',
      'breakout 2025-09-18',
      'weekly 2025-09-19',
    ]);
    for (const h of H) expect(r.events[2]!.outcomes.ethbtc[h]).toEqual(event('2025-09-18').outcomes.ethbtc[h]);
  });

  it('BTC dominance from weekly points (series-full, CMC weekly to 2024-07-08): 7 days of tolerance, so no gap', () => {
    const full = loadSeriesDir(REAL_SERIES_FULL);
    const r = computeEvidence({ ...full, rut: set.rut }, s, '2025-09-24')!;
    const dom = readCloses(join(REAL_SERIES_FULL, 'btc-dominance.csv'), 'value');
    const e = r.events.find((x) => x.date === '2016-11-14' && x.kind === 'breakout')!;
    for (const h of H) {
      // Weekly points are Mondays; a window's end may fall 6 days after one.
      const a = closeNear(dom, '2016-11-14', 7)!;
      const b = closeNear(dom, shift('2016-11-14', h), 7)!;
      expect(value(e.outcomes.dominance[h])).toBeCloseTo(b - a, 10);
    }
    // With 3 days, the +90 end (Sunday 2017-02-12) would have no value: the Monday before is 6 days earlier.
    expect(closeNear(dom, shift('2016-11-14', 90), 3)).toBeUndefined();
  });
});
