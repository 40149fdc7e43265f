import { addDays } from '../series/dates';
import { indexOnOrBefore, pointWithin } from '../series/lookup';
import type { Day, Point } from '../series/types';
import { forwardChange } from './forward';

/** A series as one provider published it, with how far back a value may be taken for a day. */
export interface SourcedSeries {
  points: Point[];
  source: string;
  /** Days a value may lie before the day it stands for: 3 for daily series, 7 for weekly ones. */
  tol: number;
}

/**
 * Whether a claim held after one day. `value` is what the claim measures (the ASI's peak, the
 * dominance's largest fall in points, TOTAL3's change as a fraction) and `at` the day of that value.
 * `pending`: the window runs past the data; `unknown`: no data for it. Neither is ever a "no".
 */
export type ClaimOutcome =
  | {
      status: 'known';
      held: boolean;
      value: number;
      at: Day;
      source: string;
      /** TOTAL3: the highest rise within the window; dominance: the change at the window's end. */
      extra?: number;
    }
  | { status: 'pending'; why: string }
  | { status: 'unknown'; why: string };

const first = (s: SourcedSeries) => s.points[0]?.date ?? '9999-12-31';
const last = (s: SourcedSeries) => s.points[s.points.length - 1]?.date ?? '0000-01-01';

/** Days between two series' data, or before or after all of them, in plain words. */
function uncovered(list: readonly SourcedSeries[], day: Day, what: string): ClaimOutcome {
  if (list.length === 0) return { status: 'unknown', why: `no ${what} series` };
  if (list.every((s) => last(s) < day))
    return { status: 'pending', why: `${day} is after the last ${what} day (${list.map(last).sort().pop()})` };
  const ranges = list.map((s) => `${first(s)}..${last(s)}`).join(', ');
  return { status: 'unknown', why: `no ${what} series covers ${day} (data: ${ranges})` };
}

/**
 * One series per window, never a join: of the series whose range holds `day`, the one that starts
 * latest (the newer provider takes over from its first day: CMC's TOTAL3 after CoinGecko's, our
 * ASI after blockchaincenter's).
 */
export function seriesFor(list: readonly SourcedSeries[], day: Day): SourcedSeries | null {
  let best: SourcedSeries | null = null;
  for (const s of list) if (first(s) <= day && day <= last(s) && (!best || first(s) > first(best))) best = s;
  return best;
}

/** The highest (or lowest) value dated in [from, to], the first day it occurred, and how many points lie there. */
export function extremeIn(
  points: readonly Point[],
  from: Day,
  to: Day,
  which: 'max' | 'min',
): { value: number; date: Day; count: number } | null {
  let i = indexOnOrBefore(points, addDays(from, -1)) + 1;
  let best: Point | null = null;
  let count = 0;
  for (; i < points.length && points[i]!.date <= to; i++) {
    const p = points[i]!;
    count++;
    if (!best || (which === 'max' ? p.value > best.value : p.value < best.value)) best = p;
  }
  return best ? { value: best.value, date: best.date, count } : null;
}

/** Share of a window's days a daily series must hold for a "no" to count: 80 %, the ASI's own coverage rule. */
const MIN_COVERAGE = 0.8;

/**
 * "ASI readings of `threshold` or more within `lo`..`hi` days": the highest ASI on a day in
 * [day + lo, day + hi] of the series covering the window's first day. Reaching the threshold is
 * final even before the window ends; a "no" needs the whole window, with values on 80 % of its days.
 */
export function asiReached(
  list: readonly SourcedSeries[],
  day: Day,
  lo: number,
  hi: number,
  threshold: number,
): ClaimOutcome {
  const from = addDays(day, lo);
  const to = addDays(day, hi);
  const s = seriesFor(list, from);
  if (!s) return uncovered(list, from, 'ASI');
  const peak = extremeIn(s.points, from, to, 'max');
  const known = (held: boolean) =>
    ({ status: 'known', held, value: peak!.value, at: peak!.date, source: s.source }) as const;
  if (peak && peak.value >= threshold) return known(true);
  if (to > last(s)) return { status: 'pending', why: `${to} is after ${s.source}'s last day ${last(s)}` };
  const days = hi - lo + 1;
  if (!peak || peak.count < MIN_COVERAGE * days)
    return { status: 'unknown', why: `${s.source} has values on ${peak?.count ?? 0} of the ${days} days` };
  return known(false);
}

/**
 * "BTC dominance fell `points` points within `within` days": the lowest value dated in
 * (day, day + within] minus the value on the day (within the series' tolerance). A fall that
 * deep is final once seen; a "no" needs the window to end inside the data.
 */
export function dominanceFall(list: readonly SourcedSeries[], day: Day, within: number, points: number): ClaimOutcome {
  const s = seriesFor(list, day);
  if (!s) return uncovered(list, day, 'BTC dominance');
  const start = pointWithin(s.points, day, s.tol);
  if (!start) return { status: 'unknown', why: `${s.source}: no value within ${s.tol} days before ${day}` };
  const to = addDays(day, within);
  const low = extremeIn(s.points, addDays(day, 1), to, 'min');
  const known = (held: boolean, extra?: number) =>
    ({
      status: 'known',
      held,
      value: low!.value - start.value,
      at: low!.date,
      source: s.source,
      ...(extra === undefined ? {} : { extra }),
    }) as const;
  if (low && low.value - start.value <= -points) return known(true);
  if (to > last(s)) return { status: 'pending', why: `${to} is after ${s.source}'s last day ${last(s)}` };
  const end = pointWithin(s.points, to, s.tol);
  if (!low || !end) return { status: 'unknown', why: `${s.source}: no value within ${s.tol} days before ${to}` };
  return known(false, end.value - start.value);
}

/**
 * "Altcoin market caps rose `threshold` (2 = +200 %) in the `h` days after": TOTAL3's change from
 * the day to day + h in the one series covering the day, with the highest rise on the way as `extra`.
 */
export function total3Rise(list: readonly SourcedSeries[], day: Day, h: number, threshold: number): ClaimOutcome {
  const s = seriesFor(list, day);
  if (!s) return uncovered(list, day, 'TOTAL3');
  const f = forwardChange(s.points, s.source, day, h, s.tol, 'ratio');
  if (f.status !== 'known') return f;
  const start = pointWithin(s.points, day, s.tol)!;
  const peak = extremeIn(s.points, addDays(day, 1), addDays(day, h), 'max');
  return {
    status: 'known',
    held: f.value >= threshold,
    value: f.value,
    at: f.to,
    source: s.source,
    ...(peak ? { extra: peak.value / start.value - 1 } : {}),
  };
}
