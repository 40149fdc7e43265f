import { addDays } from '../series/dates';
import { pointWithin } from '../series/lookup';
import type { Day, Point } from '../series/types';
import type { Outcome } from './types';

/**
 * The change of a series from `day` to `day + horizon` calendar days: a ratio − 1 (`ratio`) or a
 * difference (`diff`). Each end is the last point on or before its day within `tol` days, so a gap
 * never reaches back weeks. A horizon past the series' last point is pending, never estimated.
 */
export function forwardChange(
  points: readonly Point[],
  source: string,
  day: Day,
  horizon: number,
  tol: number,
  how: 'ratio' | 'diff',
): Outcome {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return { status: 'unknown', why: `${source}: no data` };
  const start = pointWithin(points, day, tol);
  if (!start) {
    return {
      status: 'unknown',
      why: first.date > day ? `${source} starts ${first.date}` : `${source}: no value within ${tol} days before ${day}`,
    };
  }
  const endDay = addDays(day, horizon);
  if (endDay > last.date) return { status: 'pending', why: `${endDay} is after ${source}'s last day ${last.date}` };
  const end = pointWithin(points, endDay, tol);
  if (!end) return { status: 'unknown', why: `${source}: no value within ${tol} days before ${endDay}` };
  const value = how === 'ratio' ? end.value / start.value - 1 : end.value - start.value;
  return { status: 'known', value, source, from: start.date, to: end.date };
}

/** A return priced in BTC: (1 + r) / (1 + r_BTC) − 1. Pending wins over unknown: more data will tell. */
export function vsBtc(x: Outcome, btc: Outcome): Outcome {
  if (x.status === 'known' && btc.status === 'known') {
    return { ...x, value: (1 + x.value) / (1 + btc.value) - 1, source: `${x.source} vs BTC (${btc.source})` };
  }
  if (x.status === 'pending' || btc.status === 'pending') return x.status === 'pending' ? x : btc;
  return x.status === 'unknown' ? x : btc;
}

/** The first known outcome among alternative sources; else pending if any is, else the first's reason. */
export function firstKnown(outcomes: Outcome[]): Outcome {
  return (
    outcomes.find((o) => o.status === 'known') ??
    outcomes.find((o) => o.status === 'pending') ??
    outcomes[0] ?? { status: 'unknown', why: 'no data' }
  );
}

/**
 * 7 days for a series whose points are a week apart in at least a tenth of its gaps (CMC's weekly
 * history, also when daily points follow it), else 3: SIGNALS.md's close(D − W) rule for daily data.
 */
export function toleranceOf(points: readonly Point[]): number {
  let weekly = 0;
  for (let i = 1; i < points.length; i++)
    if (Date.parse(points[i]!.date) - Date.parse(points[i - 1]!.date) >= 7 * 86_400_000) weekly++;
  return points.length > 1 && weekly >= 0.1 * (points.length - 1) ? 7 : 3;
}
