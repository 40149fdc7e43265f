import { addDays, dayMs, isoWeekStart, monthEnd, monthOf } from '../series/dates';
import { pointAtSpacing } from '../series/lookup';
import type { Day, Point, Series } from '../series/types';
import { latestCross, macdSeries, type MacdPoint } from '../indicators/macd';
import { linearRegressionXY } from '../indicators/regression';
import type { Settings } from '../settings/defaults';
import { clean, latestOf, type SignalBase } from './signal';

/** Zones by the four boundaries of settings (defaults 50, 55, 59, 63). */
export type DominanceZone = 'deep-alt' | 'alt' | 'neutral' | 'pivotal' | 'btc';
export type Trend = 'rising' | 'falling' | 'flat';

export interface MonthlyMacd {
  month: string;
  macd: number;
  signal: number;
  histogram: number;
  lastCross: { type: 'bullish' | 'bearish'; month: string } | null;
  /** Complete months used. */
  months: number;
}

export interface Wedge {
  rising: boolean;
  /** Slopes of the weekly highs' and lows' regression lines, in points per week. */
  highSlope: number;
  lowSlope: number;
  /** Weeks with data among the last N. */
  weeks: number;
  /**
   * Of those, the weeks with a single value (a weekly series): its high and low are that one close, so
   * such weeks pull both lines alike. Absent from snapshots stored by older versions.
   */
  singleCloseWeeks?: number;
}

export interface DominanceSignal extends SignalBase {
  /** Change in percentage points over the short and long windows; null without a value near the start. */
  change30: number | null;
  change90: number | null;
  zone: DominanceZone;
  trend: Trend | null;
  macd: MonthlyMacd | null;
  wedge: Wedge | null;
}

type DomSettings = Settings['dominance'];

export function dominanceZone(v: number, zones: DomSettings['zones']): DominanceZone {
  if (v < zones[0]) return 'deep-alt';
  if (v < zones[1]) return 'alt';
  if (v < zones[2]) return 'neutral';
  if (v < zones[3]) return 'pivotal';
  return 'btc';
}

export function dominanceSignal(
  series: Series,
  day: Day,
  today: Day,
  s: DomSettings,
  maxAgeDays: number,
): DominanceSignal | null {
  const at = latestOf(series, day, today, maxAgeDays);
  if (!at) return null;
  const { pts, last } = at;
  // The start value within the series' own spacing: the CMC history is weekly until 2024-07-08, daily after.
  const change = (days: number) => {
    const p = pointAtSpacing(pts, addDays(last.date, -days), s.toleranceDays);
    return p ? clean(last.value - p.value) : null;
  };
  const change30 = change(s.changeDays);
  const trend: Trend | null =
    change30 === null ? null : change30 >= s.trendPoints ? 'rising' : change30 <= -s.trendPoints ? 'falling' : 'flat';
  return {
    ...at.base,
    change30,
    change90: change(s.changeLongDays),
    zone: dominanceZone(last.value, s.zones),
    trend,
    macd: monthlyMacd(pts, day, s),
    wedge: risingWedge(pts, day, s.wedgeWeeks),
  };
}

/** The month after a `YYYY-MM`. */
const nextMonth = (m: string) => {
  const y = +m.slice(0, 4);
  const mo = +m.slice(5, 7);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/**
 * The month-end value of every complete calendar month up to `day` (a month is complete once its last
 * day has come): the month's last value, if it lies within the series' own spacing of the month's end
 * (`pointAtSpacing`: the last Monday of a weekly month, the last day or up to `toleranceDays` before
 * it of a daily one). A month whose data stops earlier has no month-end value (a gap), like a month
 * without any.
 */
export function monthEndValues(
  pts: readonly Point[],
  day: Day,
  toleranceDays: number,
): { month: string; value: number }[] {
  const out: { month: string; value: number }[] = [];
  const first = pts[0];
  if (!first) return out;
  for (let m = monthOf(first.date); monthEnd(`${m}-01`) <= day; m = nextMonth(m)) {
    const p = pointAtSpacing(pts, monthEnd(`${m}-01`), toleranceDays);
    if (p && monthOf(p.date) === m) out.push({ month: m, value: p.value });
  }
  return out;
}

/**
 * MACD on month-end values and its latest signal-line cross; null until enough months exist. Only the
 * unbroken run of months ending with the latest one is used: a month without data would silently
 * shorten the EMA periods and move the cross month the setup rule reads.
 */
export function monthlyMacd(pts: readonly Point[], day: Day, s: DomSettings): MonthlyMacd | null {
  const all = monthEndValues(pts, day, s.toleranceDays);
  let start = all.length - 1;
  while (start > 0 && nextMonth(all[start - 1]!.month) === all[start]!.month) start--;
  const months = all.slice(Math.max(start, 0));
  const series = macdSeries(
    months.map((m) => m.value),
    s.macdFast,
    s.macdSlow,
    s.macdSignal,
  );
  const cur = series[series.length - 1] as MacdPoint | undefined;
  if (!cur) return null;
  const cross = latestCross(series);
  return {
    month: months[months.length - 1]!.month,
    ...cur,
    lastCross: cross ? { type: cross.type, month: months[cross.index]!.month } : null,
    months: months.length,
  };
}

/**
 * Rising wedge, descriptive only: regressions of the weekly highs and lows over the last N weeks
 * both rise, the lows rise faster, so the lines converge. Needs data in at least 80% of those weeks.
 * The series is close-only (one value a day, or a week): a week's high and low are the highest and
 * lowest of its values, one point per ISO week (Monday to Sunday, x = weeks since the first); a week
 * with a single value (the weekly stretch of the CMC history) has it as both, so in an all-weekly
 * window both lines are one and the same and no wedge can be flagged.
 */
export function risingWedge(pts: readonly Point[], day: Day, weeks: number): Wedge | null {
  const lastWeek = isoWeekStart(day);
  const firstWeek = addDays(lastWeek, -7 * (weeks - 1));
  const byWeek = new Map<Day, { hi: number; lo: number; n: number }>();
  for (let i = pts.length - 1; i >= 0 && pts[i]!.date >= firstWeek; i--) {
    const p = pts[i]!;
    const w = isoWeekStart(p.date);
    const cur = byWeek.get(w);
    if (cur) {
      cur.hi = Math.max(cur.hi, p.value);
      cur.lo = Math.min(cur.lo, p.value);
      cur.n++;
    } else {
      byWeek.set(w, { hi: p.value, lo: p.value, n: 1 });
    }
  }
  if (byWeek.size < Math.ceil(weeks * 0.8)) return null;
  const xs: number[] = [];
  const his: number[] = [];
  const los: number[] = [];
  for (const [w, v] of [...byWeek.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    xs.push((dayMs(w) - dayMs(firstWeek)) / (7 * 86_400_000));
    his.push(v.hi);
    los.push(v.lo);
  }
  const hi = linearRegressionXY(xs, his);
  const lo = linearRegressionXY(xs, los);
  if (!hi || !lo) return null;
  return {
    rising: hi.slope > 0 && lo.slope > 0 && lo.slope > hi.slope,
    highSlope: hi.slope,
    lowSlope: lo.slope,
    weeks: byWeek.size,
    singleCloseWeeks: [...byWeek.values()].filter((v) => v.n === 1).length,
  };
}
