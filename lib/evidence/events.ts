import { findBreakouts, weeklyCloses } from '../signals/russell';
import type { Day, Point } from '../series/types';
import type { RussellEvent } from './types';

/**
 * Breakouts by the SIGNALS.md §3 rule (a record close ending a base of at least `baseDays` trading
 * days without one: the same `findBreakouts` the badge uses), and each one's weekly confirmation: the
 * first complete ISO week at or after it whose last close is above the record the breakout broke. For
 * the current cycle that record is the 2021 high (2442.74), so this is SIGNALS.md's `weeklyConfirmed`.
 * `today` decides whether the data's last week is complete (the same rule as the Russell signal).
 */
export function findEvents(
  points: readonly Point[],
  baseDays: number,
  today: Day,
): { events: RussellEvent[]; unconfirmed: Day[] } {
  const closes = points.map((p) => p.value);
  const { records, breakouts } = findBreakouts(closes, baseDays);
  const weeks = weeklyCloses(points, today);
  const events: RussellEvent[] = [];
  const unconfirmed: Day[] = [];
  for (const i of breakouts) {
    // The record before this one; index 0 is the starting record when none came earlier.
    const k = records.indexOf(i);
    const prior = k > 0 ? records[k - 1]! : 0;
    const b = points[i]!;
    const base = {
      priorRecord: closes[prior]!,
      priorRecordDate: points[prior]!.date,
      baseDays: i - prior,
      breakoutDate: b.date,
    };
    events.push({ kind: 'breakout', date: b.date, close: b.value, ...base });
    const wk = weeks.find((w) => w.date >= b.date && w.close > base.priorRecord);
    if (wk) events.push({ kind: 'weekly', date: wk.date, close: wk.close, ...base });
    else unconfirmed.push(b.date);
  }
  return { events, unconfirmed };
}
