import { addDays, daysBetween } from './dates';
import type { Day, Point } from './types';

/** Index of the last point dated on or before `day`, or -1. Points must be ascending. */
export function indexOnOrBefore(points: readonly Point[], day: Day): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.date <= day) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The last point on or before `day`, or undefined. */
export function pointOnOrBefore(points: readonly Point[], day: Day): Point | undefined {
  const i = indexOnOrBefore(points, day);
  return i < 0 ? undefined : points[i];
}

/**
 * The last point on or before `day` but no more than `toleranceDays` earlier: the rule SIGNALS.md
 * uses for "close(D − W)", so a gap in a series never silently reaches back weeks.
 */
export function pointWithin(points: readonly Point[], day: Day, toleranceDays: number): Point | undefined {
  const p = pointOnOrBefore(points, day);
  return p && p.date >= addDays(day, -toleranceDays) ? p : undefined;
}

/** Points dated on or before `day` (a prefix view; no copy when nothing is cut). */
export function upTo(points: readonly Point[], day: Day): readonly Point[] {
  const i = indexOnOrBefore(points, day);
  return i === points.length - 1 ? points : points.slice(0, i + 1);
}

/**
 * The series' own spacing in days around point `i`: the lower median of the gaps between the points
 * up to three either side of it (7 in a weekly stretch, 1 in a daily one). A single missing point
 * among them does not change it, so a hole is not mistaken for the series' rhythm.
 */
export function spacingAt(points: readonly Point[], i: number): number {
  const gaps: number[] = [];
  for (let k = Math.max(1, i - 2); k <= Math.min(points.length - 1, i + 3); k++)
    gaps.push(daysBetween(points[k - 1]!.date, points[k]!.date));
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return gaps[(gaps.length - 1) >> 1]!;
}

/**
 * The value of a series on `day`: its last point on or before it, no older than `toleranceDays` or,
 * where the series is sparser, than its own spacing there minus one day (a weekly point stands for the
 * six days after it; a missed week is still a gap). For series that change rhythm, e.g. CoinMarketCap
 * dominance, weekly until 2024-07-08 and daily after.
 */
export function pointAtSpacing(points: readonly Point[], day: Day, toleranceDays: number): Point | undefined {
  const i = indexOnOrBefore(points, day);
  if (i < 0) return undefined;
  const p = points[i]!;
  return daysBetween(p.date, day) <= Math.max(toleranceDays, spacingAt(points, i) - 1) ? p : undefined;
}
