import { addDays } from './dates';
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
