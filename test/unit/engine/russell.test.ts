import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findBreakouts, russellSignal } from '../../../lib/signals/russell';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { Series } from '../../../lib/series/types';
import { addDays, isoWeekday } from '../../../lib/series/dates';
import { realSeries, REAL_SERIES } from '../../support/fixtures';

const s = defaultSettings();
const rut = () => realSeries().rut!;
const at = (day: string, series: Series = rut()) =>
  russellSignal(series, day, day, s.russell, s.staleness.russellMaxAgeDays)!;

describe('Russell 2000 on the real IBKR closes (rut.csv, 2016-06-28 .. 2026-08-21)', () => {
  it('finds exactly the breakouts of 2020-11-13 and 2025-09-18', () => {
    expect(at('2026-08-21').breakouts).toEqual(['2020-11-13', '2025-09-18']);
    const r = at('2020-11-13');
    expect(r.isRecordClose).toBe(true);
    expect(r.lastBreakoutDate).toBe('2020-11-13');
    // the previous record close was 2018-08-31 (1740.75)
    expect(r.ath).toBe(1740.75);
    expect(r.athDate).toBe('2018-08-31');
  });

  it('holds the 2442.74 ATH of 2021-11-08 until the 2025-09-18 breakout', () => {
    for (const d of ['2021-11-09', '2022-06-16', '2023-12-29', '2024-11-25', '2025-09-17', '2025-09-18']) {
      const r = at(d);
      expect([d, r.ath, r.athDate]).toEqual([d, 2442.74, '2021-11-08']);
    }
    const b = at('2025-09-18');
    expect(b.close).toBe(2467.7);
    expect(b.isRecordClose).toBe(true);
    expect(b.lastBreakoutDate).toBe('2025-09-18');
    expect(b.daysSinceBreakout).toBe(0);
    expect(b.lastRecordDate).toBe('2025-09-18');
    // the day after, the new ATH is the breakout close
    expect(at('2025-09-19').ath).toBe(2467.7);
    // 2024-11-25 closed at 2442.03, within 0.03% of the record but not above it
    expect(at('2024-11-25').isRecordClose).toBe(false);
  });

  it('confirms the weekly close above the 2021 high first on Friday 2025-09-19', () => {
    const thu = at('2025-09-18');
    expect(thu.weeklyConfirmed).toBe(false);
    expect(thu.weeklyClose).toEqual({ week: '2025-09-08', date: '2025-09-12', close: expect.any(Number) });
    const fri = at('2025-09-19');
    expect(fri.weeklyClose).toEqual({ week: '2025-09-15', date: '2025-09-19', close: 2448.77 });
    expect(fri.weeklyConfirmed).toBe(true);
    expect(fri.weeklyConfirmedSince).toBe('2025-09-19');
    expect(fri.firstWeeklyConfirmation).toBe('2025-09-19');
    // later in the data the first confirmation stays that Friday
    expect(at('2026-08-21').firstWeeklyConfirmation).toBe('2025-09-19');
    // a weekend day sees the Friday close as the week's close
    expect(at('2025-09-20').weeklyConfirmed).toBe(true);
  });

  it("on a Friday before its close is in, Thursday's close is not taken for the week's", () => {
    // The extension evaluates "today" from 00:00 UTC; Friday's close arrives about 20:00 UTC.
    const cut: Series = { ...rut(), points: rut().points.filter((p) => p.date <= '2025-09-18') };
    const fri = russellSignal(cut, '2025-09-19', '2025-09-19', s.russell, s.staleness.russellMaxAgeDays)!;
    expect(fri.asOf).toBe('2025-09-18'); // Thursday closed at 2467.70, above 2442.74…
    expect(fri.weeklyClose?.date).toBe('2025-09-12'); // …but the week's close is still the previous Friday's
    expect(fri.weeklyConfirmed).toBe(false);
    expect(fri.firstWeeklyConfirmation).toBeNull();
    // From Saturday on, Thursday's close is the week's (as after a Good Friday holiday).
    const sat = russellSignal(cut, '2025-09-20', '2025-09-20', s.russell, s.staleness.russellMaxAgeDays)!;
    expect(sat.weeklyClose).toEqual({ week: '2025-09-15', date: '2025-09-18', close: 2467.7 });
    expect(sat.weeklyConfirmed).toBe(true);
  });

  it('computes SMA200 like a plain average of the last 200 closes', () => {
    const pts = rut().points.filter((p) => p.date <= '2024-04-01');
    const last200 = pts.slice(-200).map((p) => p.value);
    const expected = last200.reduce((a, b) => a + b, 0) / 200;
    const r = at('2024-04-01');
    expect(r.sma200).toBeCloseTo(expected, 8);
    expect(r.aboveSma200).toBe(r.close > expected);
  });

  it('classifies the state with its documented precedence', () => {
    expect(at('2022-06-16').state).toBe('risk-off'); // 1649.84, far below SMA200
    expect(at('2024-04-01').state).toBe('recovering'); // above SMA200, 14% under the ATH
    expect(at('2024-11-25').state).toBe('near-ath'); // 2442.03, -0.03% from the ATH, no record
    expect(at('2025-09-19').state).toBe('breakout'); // record close the day before
    expect(at('2025-12-17').daysSinceBreakout).toBe(90);
  });

  it('gives the spill-over window as its own fact; the state says only where the price is', () => {
    const w = { breakout: '2025-09-18', from: 90, to: 180, opens: '2025-12-17', closes: '2026-03-17' };
    expect(at('2025-09-19').window).toEqual({ ...w, day: 1, status: 'before' });
    expect(at('2025-12-17').window).toEqual({ ...w, day: 90, status: 'open' });
    expect(at('2025-12-17').state).toBe('breakout'); // a record close 2025-12-11, within 20 sessions
    expect(at('2026-03-17').window).toEqual({ ...w, day: 180, status: 'open' });
    expect(at('2026-03-17').state).toBe('recovering'); // 7.3% under its high, above the SMA200
    expect(at('2026-03-18').window).toEqual({ ...w, day: 181, status: 'closed' });
    expect(at('2016-06-28').window).toBeNull(); // no breakout in the data yet
  });

  it('a Russell 20% under its high on day 120 of the window reads risk-off, not spill-over', () => {
    // 300 flat sessions, a record (the breakout), then a slide to 20% under it by day 120.
    const days: string[] = [];
    for (let d = '2023-01-02'; days.length < 430; d = addDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
    const closes = days.map((_, i) => (i < 300 ? 100 : i === 300 ? 110 : Math.max(88, 110 - (22 * (i - 300)) / 80)));
    const series: Series = { source: 't', points: days.map((date, i) => ({ date, value: closes[i]! })) };
    const day = addDays(days[300]!, 120);
    const r = russellSignal(series, day, day, s.russell, 4)!;
    expect(r.lastBreakoutDate).toBe(days[300]);
    expect(r.window).toMatchObject({ day: 120, status: 'open' });
    expect(r.pctFromAth!).toBeLessThan(-15);
    expect(r.state).toBe('risk-off');
  });

  it('marks the signal stale after 4 days without a close', () => {
    const r = russellSignal(rut(), '2026-08-21', '2026-08-25', s.russell, 4)!;
    expect(r.stale).toBe(false);
    const late = russellSignal(rut(), '2026-08-21', '2026-08-26', s.russell, 4)!;
    expect(late.stale).toBe(true);
    expect(late.ageDays).toBe(5);
  });

  it('finds the 2025 breakout in the independent Yahoo history too (rut-long.csv from 1999)', () => {
    const long = parseSeriesCsv(readFileSync(resolve(REAL_SERIES, 'rut-long.csv'), 'utf8'), 'rut-long.csv', {
      value: 'close',
    }).series;
    const r = at('2025-09-24', long);
    expect(r.breakouts).toContain('2020-11-13');
    expect(r.breakouts).toContain('2025-09-18');
    const before = long.points.filter((p) => p.date < '2025-09-24');
    const max = before.reduce((m, p) => (p.value > m.value ? p : m));
    expect([r.ath, r.athDate]).toEqual([max.value, max.date]);
    expect(r.athDate).toBe('2025-09-18');
  });
});

describe('breakout rule', () => {
  const base = (gap: number) => [10, ...Array.from({ length: gap - 1 }, () => 5), 11];
  it('needs a base of at least the configured trading days since the last record close', () => {
    // record at index 0, next record at index `gap`
    expect(findBreakouts(base(250), 250).breakouts).toEqual([250]);
    expect(findBreakouts(base(249), 250).breakouts).toEqual([]);
    expect(findBreakouts(base(249), 250).records).toEqual([249]);
  });

  it('the real breakouts disappear when the base is longer than their bases', () => {
    const pts = rut().points;
    expect(
      findBreakouts(
        pts.map((p) => p.value),
        1000,
      ).breakouts,
    ).toEqual([]);
    const b = findBreakouts(
      pts.map((p) => p.value),
      900,
    ).breakouts.map((i) => pts[i]!.date);
    expect(b).toEqual(['2025-09-18']); // 968 trading days after 2021-11-08; 2020's base was shorter
  });
});
