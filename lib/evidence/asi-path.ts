import { addDays } from '../series/dates';
import type { CoinSeries, Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiHistory } from '../signals/asi-history';
import type { Horizon, Outcome } from './types';

/** The daily ASI by the SIGNALS.md rule: one value per BTC close day where it is known. */
export interface AsiDaily {
  values: Map<Day, number>;
  /** Coins counted each day (from the ASI's own source label, "…, 48 coins"). */
  counted: Map<Day, number>;
  first: Day | null;
  last: Day | null;
  source: string;
}

export function asiDaily(coins: Record<string, CoinSeries> | undefined, s: Settings): AsiDaily {
  const days = asiHistory(coins, s);
  const source = days.map((p) => p.source.replace(/, \d+ coins$/, '')).find(Boolean) ?? '';
  return {
    values: new Map(days.map((p) => [p.date, p.value])),
    counted: new Map(
      days.flatMap((p) => {
        const m = /, (\d+) coins$/.exec(p.source);
        return m ? [[p.date, Number(m[1])] as const] : [];
      }),
    ),
    first: days[0]?.date ?? null,
    last: days[days.length - 1]?.date ?? null,
    source: source ? `ASI from ${source}` : 'ASI',
  };
}

/** The ASI on the last day on or before `day` within `tol` days, or null. */
export function asiOn(a: AsiDaily, day: Day, tol: number): number | null {
  for (let k = 0; k <= tol; k++) {
    const v = a.values.get(addDays(day, -k));
    if (v !== undefined) return v;
  }
  return null;
}

/** ASI change in points from `day` to `day + horizon`; pending past the last known ASI day. */
export function asiOutcome(a: AsiDaily, day: Day, horizon: number, tol: number): Outcome {
  if (a.first === null || a.last === null) return { status: 'unknown', why: 'no ASI history' };
  const start = asiOn(a, day, tol);
  if (start === null)
    return {
      status: 'unknown',
      why: a.first > day ? `the ASI starts ${a.first}` : `no ASI within ${tol} days before ${day}`,
    };
  const endDay = addDays(day, horizon);
  if (endDay > a.last) return { status: 'pending', why: `${endDay} is after the last ASI day ${a.last}` };
  const end = asiOn(a, endDay, tol);
  if (end === null) return { status: 'unknown', why: `no ASI within ${tol} days before ${endDay}` };
  return { status: 'known', value: end - start, source: a.source, from: day, to: endDay };
}

/**
 * The ASI on the event day, at each horizon, and its highest reading in (day, day + horizon]. A
 * horizon past the data has no value or peak: a peak "so far" would read as a final one.
 */
export function asiPath(a: AsiDaily, day: Day, horizons: readonly Horizon[], tol: number) {
  const at = {} as Record<Horizon, number | null>;
  const peak = {} as Record<Horizon, number | null>;
  for (const h of horizons) {
    const endDay = addDays(day, h);
    const done = a.last !== null && endDay <= a.last;
    at[h] = done ? asiOn(a, endDay, tol) : null;
    let max: number | null = null;
    for (let d = addDays(day, 1); done && d <= endDay; d = addDays(d, 1)) {
      const v = a.values.get(d);
      if (v !== undefined && (max === null || v > max)) max = v;
    }
    peak[h] = max;
  }
  return { start: asiOn(a, day, tol), at, peak };
}
