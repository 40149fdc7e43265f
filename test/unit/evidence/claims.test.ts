/**
 * The thesis' claims on small series whose answers can be read off by hand: which series a window
 * uses, the ASI peak in a window, the largest dominance fall, TOTAL3's change, pending and unknown.
 */
import { describe, expect, it } from 'vitest';
import {
  asiReached,
  dominanceFall,
  extremeIn,
  seriesFor,
  total3Rise,
  type SourcedSeries,
} from '../../../lib/evidence/claims';
import { toleranceOf } from '../../../lib/evidence/forward';
import { sampleOf } from '../../../lib/evidence/small-sample';
import { splice } from '../../../lib/evidence/splice';

/** A daily series from `first`, one value per day. */
function daily(first: string, values: number[], source: string, tol = 3): SourcedSeries {
  const t0 = Date.parse(`${first}T00:00:00Z`);
  return {
    points: values.map((value, i) => ({ date: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10), value })),
    source,
    tol,
  };
}

describe('which series a window uses', () => {
  const old = daily('2024-01-01', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 'old'); // to 01-10
  const neu = daily('2024-01-06', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 'new'); // to 01-15
  it('of those holding the day, the one that starts latest; none outside both', () => {
    expect(seriesFor([old, neu], '2024-01-05')!.source).toBe('old');
    expect(seriesFor([old, neu], '2024-01-06')!.source).toBe('new');
    expect(seriesFor([neu, old], '2024-01-10')!.source).toBe('new');
    expect(seriesFor([old, neu], '2023-12-31')).toBeNull();
    expect(seriesFor([old, neu], '2024-01-16')).toBeNull();
  });

  it('the extreme in [from, to], its first day and the count of points there', () => {
    const s = daily('2024-01-01', [5, 9, 3, 9, 1], 'x');
    expect(extremeIn(s.points, '2024-01-02', '2024-01-04', 'max')).toEqual({ value: 9, date: '2024-01-02', count: 3 });
    expect(extremeIn(s.points, '2024-01-02', '2024-01-05', 'min')).toEqual({ value: 1, date: '2024-01-05', count: 4 });
    expect(extremeIn(s.points, '2024-02-01', '2024-02-05', 'max')).toBeNull();
  });

  it('7 days of tolerance for a weekly series (also followed by daily points), 3 for a daily one', () => {
    const weekly = [0, 7, 14, 21].map((d) => ({ date: `2024-01-${String(1 + d).padStart(2, '0')}`, value: d }));
    expect(toleranceOf(weekly)).toBe(7);
    // 3 weekly gaps of 21: a seventh, as in series-full's dominance (weekly since 2013, daily since 2024-07).
    expect(toleranceOf([...weekly, ...daily('2024-01-23', new Array(18).fill(1), 'd').points])).toBe(7);
    // One 8-day outage among 19 daily gaps: a nineteenth.
    const outage = [
      ...daily('2024-01-01', new Array(10).fill(1), 'd').points,
      ...daily('2024-01-18', new Array(10).fill(1), 'd').points,
    ];
    expect(toleranceOf(outage)).toBe(3);
    expect(toleranceOf(daily('2024-01-01', [1, 2, 3, 4], 'd').points)).toBe(3);
  });
});

describe('ASI ≥ 75 within lo..hi days', () => {
  // Day 0 = 2024-01-01. Values on days 0..9.
  const asi = daily('2024-01-01', [10, 20, 30, 40, 80, 60, 50, 40, 30, 20], 'asi');
  it('held on the first day ≥ 75 in [day + lo, day + hi]; "not" with the window’s peak', () => {
    expect(asiReached([asi], '2024-01-01', 2, 5, 75)).toEqual({
      status: 'known',
      held: true,
      value: 80,
      at: '2024-01-05',
      source: 'asi',
    });
    // Days 5..8: 60, 50, 40, 30.
    expect(asiReached([asi], '2024-01-01', 5, 8, 75)).toMatchObject({ held: false, value: 60, at: '2024-01-06' });
  });

  it('a window running past the data is pending unless the level was already reached', () => {
    expect(asiReached([asi], '2024-01-06', 1, 6, 75)).toMatchObject({ status: 'pending' });
    expect(asiReached([asi], '2024-01-03', 2, 30, 75)).toMatchObject({ status: 'known', held: true, value: 80 });
  });

  it('a "no" needs values on 80 % of the window; before any series it is unknown, naming the ranges', () => {
    const gappy = { ...asi, points: asi.points.filter((_, i) => i !== 6 && i !== 7) };
    // Days 5..9 of gappy: 60, 30, 20 → 3 of 5 days.
    expect(asiReached([gappy], '2024-01-01', 5, 9, 75)).toEqual({
      status: 'unknown',
      why: 'asi has values on 3 of the 5 days',
    });
    expect(asiReached([asi], '2023-11-01', 1, 2, 75)).toEqual({
      status: 'unknown',
      why: 'no ASI series covers 2023-11-02 (data: 2024-01-01..2024-01-10)',
    });
  });
});

describe('BTC dominance down 10 points within W days', () => {
  // Weekly points (tolerance 7): 60 on 01-01, 55 on 01-08, 48 on 01-15, 52 on 01-22, 58 on 01-29.
  const weekly: SourcedSeries = {
    points: [
      { date: '2024-01-01', value: 60 },
      { date: '2024-01-08', value: 55 },
      { date: '2024-01-15', value: 48 },
      { date: '2024-01-22', value: 52 },
      { date: '2024-01-29', value: 58 },
    ],
    source: 'cmc weekly',
    tol: 7,
  };
  it('the start is the last value within the tolerance; the lowest after it, minus the start', () => {
    // From 2024-01-03 (start 60 of 01-01): lowest 48 on 01-15 → −12, held.
    expect(dominanceFall([weekly], '2024-01-03', 14, 10)).toEqual({
      status: 'known',
      held: true,
      value: -12,
      at: '2024-01-15',
      source: 'cmc weekly',
    });
    // From 2024-01-08 (55), 20 days: lowest 48 → −7, not; at the end (01-28 → 01-22's 52): −3.
    expect(dominanceFall([weekly], '2024-01-08', 20, 10)).toMatchObject({ held: false, value: -7, extra: -3 });
  });

  it('pending past the data unless the fall already happened; unknown without a start value', () => {
    expect(dominanceFall([weekly], '2024-01-22', 30, 10)).toMatchObject({ status: 'pending' });
    expect(dominanceFall([weekly], '2024-01-01', 60, 10)).toMatchObject({ status: 'known', held: true, value: -12 });
    expect(dominanceFall([{ ...weekly, tol: 3 }], '2024-01-06', 7, 10)).toEqual({
      status: 'unknown',
      why: 'cmc weekly: no value within 3 days before 2024-01-06',
    });
  });
});

describe('TOTAL3 up 200 % at +h', () => {
  const cg = daily('2024-01-01', [100, 150, 320, 250, 310], 'coingecko');
  const cmc = daily('2024-01-03', [1000, 700, 800], 'cmc');
  it('the change to day + h and the highest rise on the way, in the series covering the day', () => {
    // From 01-01 (100) to 01-05 (310): +210 %, held; highest 320 → +220 %.
    const o = total3Rise([cg, cmc], '2024-01-01', 4, 2);
    expect(o).toMatchObject({ status: 'known', held: true, at: '2024-01-05', source: 'coingecko' });
    expect(o.status === 'known' && o.value).toBeCloseTo(2.1, 12);
    expect(o.status === 'known' && o.extra).toBeCloseTo(2.2, 12);
    // From 01-03 CMC takes over (it starts then): 1000 → 800, −20 %.
    const c = total3Rise([cg, cmc], '2024-01-03', 2, 2);
    expect(c).toMatchObject({ held: false, source: 'cmc' });
    expect(c.status === 'known' && c.value).toBeCloseTo(-0.2, 12);
    expect(total3Rise([cg, cmc], '2024-01-04', 5, 2)).toMatchObject({ status: 'pending' });
  });
});

describe('one provider’s two histories joined, and small samples', () => {
  it('splice keeps the older series before the newer starts and reports how they agree on common days', () => {
    const older = daily('2024-01-01', [50, 51, 52, 53], 'weekly', 7);
    const newer = daily('2024-01-03', [52.5, 53, 54], 'daily');
    const j = splice(older, newer);
    expect(j.series.points.map((p) => p.value)).toEqual([50, 51, 52.5, 53, 54]);
    expect(j.series.source).toBe('weekly before 2024-01-03, then daily');
    expect(j.series.tol).toBe(7);
    expect(j.overlap).toEqual({ days: 2, maxAbsDiff: 0.5 });
  });

  it('below 5 values each event is shown; from 5 on the median and middle half (by hand: 3, 2 and 4)', () => {
    const v = [5, 1, 3, 2, 4].map((value, i) => ({ date: `2024-01-0${i + 1}`, value }));
    expect(sampleOf(v.slice(0, 4))).toEqual({ kind: 'events', n: 4, events: v.slice(0, 4) });
    expect(sampleOf(v)).toEqual({ kind: 'stats', n: 5, median: 3, p25: 2, p75: 4 });
  });
});
