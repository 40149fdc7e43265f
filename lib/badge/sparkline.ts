import { addDays, daysBetween } from '../series/dates';
import type { Day } from '../series/types';
import type { CompactSeries } from '../snapshot/types';

export interface SparkOptions {
  width: number;
  height: number;
  /** The last day of the window (the evaluation day); the window is the 90 days ending here. */
  end: Day;
  /** Fixed y-range; default: the data's own min..max. */
  domain?: [number, number] | null;
  /** Horizontal reference values (thresholds), drawn when inside the y-range. */
  refs?: readonly number[];
  /** A missing stretch longer than this many days breaks the line. */
  maxGapDays?: number;
}

export interface Spark {
  /** SVG path data: one `M…L…` run per continuous stretch; empty when there is nothing to draw. */
  d: string;
  /** y of each reference line inside the range. */
  refs: number[];
  last: [number, number] | null;
}

export const SPARK_DAYS = 90;
const PAD = 2;
const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A sparkline over a fixed calendar window: x by date, so a missing stretch is a visible gap in the
 * line, never a drop to zero.
 */
export function sparkline(series: CompactSeries, o: SparkOptions): Spark {
  const start = addDays(o.end, 1 - SPARK_DAYS);
  const pts = series.filter((p) => p?.[0] >= start && p[0] <= o.end && Number.isFinite(p[1]));
  if (!pts.length) return { d: '', refs: [], last: null };
  const values = pts.map((p) => p[1]);
  let [lo, hi] = o.domain ?? [Math.min(...values), Math.max(...values)];
  if (hi - lo < 1e-9) ((lo -= 1), (hi += 1));
  const x = (day: Day) => r1(PAD + (daysBetween(start, day) / (SPARK_DAYS - 1)) * (o.width - 2 * PAD));
  const y = (v: number) => r1(PAD + (1 - (v - lo) / (hi - lo)) * (o.height - 2 * PAD));
  let d = '';
  let prev: Day | null = null;
  for (const [day, v] of pts) {
    d += `${prev === null || daysBetween(prev, day) > (o.maxGapDays ?? 1) ? 'M' : 'L'}${x(day)} ${y(v)}`;
    prev = day;
  }
  const [lastDay, lastValue] = pts[pts.length - 1]!;
  return { d, refs: (o.refs ?? []).filter((v) => v >= lo && v <= hi).map(y), last: [x(lastDay), y(lastValue)] };
}
