import { daysBetween } from '../series/dates';
import { upTo } from '../series/lookup';
import type { Day, Point, Series } from '../series/types';

/** What every signal carries (SIGNALS.md §3): the headline value, its data date, its source, freshness. */
export interface SignalBase {
  value: number;
  /** Date of the newest observation used. */
  asOf: Day;
  source: string;
  /** Calendar days from `asOf` to the evaluation's reference day. */
  ageDays: number;
  /** True when `ageDays` exceeds the series' max age. */
  stale: boolean;
}

export function freshness(asOf: Day, today: Day, maxAgeDays: number): { ageDays: number; stale: boolean } {
  const ageDays = daysBetween(asOf, today);
  return { ageDays, stale: ageDays > maxAgeDays };
}

/**
 * A daily series as of `day`: its points up to that day, the newest of them, and the signal's base
 * from it (value, data date, source, freshness). Null when the series has nothing on or before `day`.
 */
export function latestOf(
  series: Series,
  day: Day,
  today: Day,
  maxAgeDays: number,
): { pts: readonly Point[]; last: Point; base: SignalBase } | null {
  const pts = upTo(series.points, day);
  const last = pts[pts.length - 1];
  if (!last) return null;
  const base = {
    value: last.value,
    asOf: last.date,
    source: series.source,
    ...freshness(last.date, today, maxAgeDays),
  };
  return { pts, last, base };
}

/**
 * Rounds away binary floating-point noise (0.0525 / 0.05 − 1 is 0.04999…) so a change of exactly
 * a threshold passes it, as a trader reading the numbers would expect.
 */
export function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Percent change from `from` to `to`, e.g. 100 → 105 is 5. */
export function pctChange(from: number, to: number): number {
  return clean((to / from - 1) * 100);
}
