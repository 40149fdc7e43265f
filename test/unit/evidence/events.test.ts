import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEvents } from '../../../lib/evidence/events';
import type { Point } from '../../../lib/series/types';
import { REAL_SERIES } from '../../support/fixtures';
import { readCloses, shift } from './plain';

const points = (file: string): Point[] =>
  [...readCloses(join(REAL_SERIES, file)).entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([date, value]) => ({ date, value }));

/** SIGNALS.md §3 read literally: a close above every earlier close, 250+ trading days after the previous such close. */
function plainBreakouts(p: Point[], base = 250) {
  const out: { date: string; prior: number }[] = [];
  let ath = p[0]!.value;
  let at = 0;
  for (let i = 1; i < p.length; i++) {
    if (p[i]!.value > ath) {
      if (i - at >= base) out.push({ date: p[i]!.date, prior: ath });
      ath = p[i]!.value;
      at = i;
    }
  }
  return out;
}

/** Last close of each Monday-to-Sunday week, then the first one on or after the breakout above the record it broke. */
function plainWeekly(p: Point[], breakout: { date: string; prior: number }) {
  const weeks = new Map<string, Point>();
  for (const x of p) {
    const dow = (new Date(`${x.date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    weeks.set(shift(x.date, -dow), x);
  }
  return [...weeks.values()].find((w) => w.date >= breakout.date && w.value > breakout.prior);
}

describe('Russell breakout events on the real closes', () => {
  it('rut-long.csv (1999–2025): the six breakouts, as an independent reading of the rule finds them', () => {
    const p = points('rut-long.csv');
    const { events } = findEvents(p, 250, p.at(-1)!.date);
    const found = events.filter((e) => e.kind === 'breakout').map((e) => e.date);
    expect(found).toEqual(plainBreakouts(p).map((b) => b.date));
    expect(found).toEqual(['2004-04-05', '2011-04-27', '2013-01-02', '2016-11-14', '2020-11-13', '2025-09-18']);
  });

  it('rut.csv (2016–2026): 2020-11-13 and 2025-09-18; the 2025 one broke the 2021 record after 968 trading days', () => {
    const p = points('rut.csv');
    const { events, unconfirmed } = findEvents(p, 250, p.at(-1)!.date);
    const b = events.filter((e) => e.kind === 'breakout');
    expect(b.map((e) => e.date)).toEqual(['2020-11-13', '2025-09-18']);
    expect(b[1]).toMatchObject({ close: 2467.7, priorRecord: 2442.74, priorRecordDate: '2021-11-08', baseDays: 968 });
    expect(unconfirmed).toEqual([]);
  });

  it('weekly confirmations: the first week closing above the broken record (2025-09-19, 2448.77: SIGNALS.md’s first weekly close above 2442.74)', () => {
    const p = points('rut-long.csv');
    const { events } = findEvents(p, 250, p.at(-1)!.date);
    const weekly = events.filter((e) => e.kind === 'weekly');
    const plain = plainBreakouts(p).map((b) => plainWeekly(p, b)!);
    expect(weekly.map((e) => [e.date, e.close])).toEqual(plain.map((w) => [w.date, w.value]));
    expect(weekly.map((e) => e.date)).toEqual([
      '2004-11-12',
      '2011-04-29',
      '2013-01-04',
      '2016-11-18',
      '2020-11-13',
      '2025-09-19',
    ]);
    // rut-long.csv holds float32 closes (2448.77001953125).
    expect(weekly.at(-1)!.close).toBeCloseTo(2448.77, 2);
    expect(weekly.at(-1)!.priorRecord).toBeCloseTo(2442.74, 2);
    expect(weekly.at(-1)!.breakoutDate).toBe('2025-09-18');
  });

  it('a breakout without a weekly close above the old record is listed as unconfirmed; a week still running does not count', () => {
    // 300 flat days, then a record on Monday 2026-01-05 that fades below the old high by Friday…
    const p: Point[] = [];
    let d = '2024-11-04';
    for (let i = 0; i < 300; i++, d = shift(d, i % 5 === 0 ? 3 : 1)) p.push({ date: d, value: i === 0 ? 100 : 90 });
    const mon = '2026-01-05';
    p.push({ date: mon, value: 101 }, { date: '2026-01-06', value: 99 }, { date: '2026-01-09', value: 99.5 });
    expect(findEvents(p, 250, '2026-01-09').unconfirmed).toEqual([mon]);
    // …and a Wednesday above it: not a weekly close until that week's Friday.
    p.push({ date: '2026-01-14', value: 102 });
    expect(findEvents(p, 250, '2026-01-14').unconfirmed).toEqual([mon]);
    // A Friday without its own close yet (before the US close, or a holiday) is not the week's end either…
    expect(findEvents(p, 250, '2026-01-16').unconfirmed).toEqual([mon]);
    // …from Saturday on, the Wednesday close is the week's (a holiday-shortened week).
    expect(findEvents(p, 250, '2026-01-17').events.find((e) => e.kind === 'weekly')?.date).toBe('2026-01-14');
  });
});
