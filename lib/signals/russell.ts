import { addDays, daysBetween, isoWeekNumber, isoWeekStart, isoWeekday } from '../series/dates';
import { indexOnOrBefore } from '../series/lookup';
import type { Day, Point, Series } from '../series/types';
import { lastUsSessionOfWeek } from '../series/us-market';
import type { Settings } from '../settings/defaults';
import { freshness, type SignalBase } from './signal';

/** Where the price is (SIGNALS.md §3); the spill-over window is a separate fact (`window`), never a state. */
export type RussellState = 'risk-off' | 'recovering' | 'near-ath' | 'breakout' | 'unknown';

/**
 * The thesis' spill-over window after the latest breakout (days [from..to], calendar days after it): a fact of
 * the calendar beside the state, so a Russell 20 % under its high on day 120 reads "risk-off, day 120 of the
 * window", not "spill-over".
 */
export interface SpilloverWindow {
  breakout: Day;
  /** Calendar days from the breakout to the evaluation day. */
  day: number;
  from: number;
  to: number;
  opens: Day;
  closes: Day;
  status: 'before' | 'open' | 'closed';
}

export interface WeeklyClose {
  /** Monday of the ISO week. */
  week: Day;
  /** Date of the week's last close. */
  date: Day;
  close: number;
}

export interface RussellSignal extends SignalBase {
  close: number;
  /** Highest close before `asOf`, and its date; null when there is no earlier close. */
  ath: number | null;
  athDate: Day | null;
  pctFromAth: number | null;
  isRecordClose: boolean;
  lastRecordDate: Day | null;
  tradingDaysSinceRecord: number | null;
  /** Every breakout (a record close ending a base) up to `asOf`. */
  breakouts: Day[];
  lastBreakoutDate: Day | null;
  daysSinceBreakout: number | null;
  referenceHigh: number;
  /** The last complete ISO week's close, and whether it is above the reference high. */
  weeklyClose: WeeklyClose | null;
  weeklyConfirmed: boolean;
  /** First weekly close of the current run above the reference high. */
  weeklyConfirmedSince: Day | null;
  /** First weekly close above the reference high anywhere in the data up to `asOf`. */
  firstWeeklyConfirmation: Day | null;
  sma200: number | null;
  aboveSma200: boolean | null;
  state: RussellState;
  /** The spill-over window of the latest breakout; null without a breakout. */
  window: SpilloverWindow | null;
}

type RussellSettings = Settings['russell'];

/** Record closes and breakouts over a whole series, computed once (a record is a close above every earlier one). */
export function findBreakouts(closes: readonly number[], baseDays: number): { records: number[]; breakouts: number[] } {
  const records: number[] = [];
  const breakouts: number[] = [];
  if (closes.length === 0) return { records, breakouts };
  // The first close is the starting record: the data cannot say whether it was one.
  let ath = closes[0]!;
  let lastRecord = 0;
  for (let i = 1; i < closes.length; i++) {
    const c = closes[i]!;
    if (c > ath) {
      if (i - lastRecord >= baseDays) breakouts.push(i);
      records.push(i);
      ath = c;
      lastRecord = i;
    }
  }
  return { records, breakouts };
}

/**
 * Whether the week holding `day` has its weekly close, given the week's last close so far: once the close of
 * the week's last US session is in, or once that session's day has passed (from Saturday in any case). A
 * holiday Friday (Good Friday) makes Thursday the last session; before the US close, a Friday evaluation must
 * not take Thursday's close for the week's.
 */
export function weekComplete(lastClose: Day, day: Day): boolean {
  if (isoWeekday(day) >= 6) return true;
  const last = lastUsSessionOfWeek(day);
  return last === null || day > last || lastClose >= last;
}

/** Last close of every ISO week; the week holding `asOf` counts only once complete (see weekComplete). */
export function weeklyCloses(points: readonly Point[], asOf: Day): WeeklyClose[] {
  const { weeks } = groupWeeks(points);
  const last = weeks[weeks.length - 1];
  if (last && last.week === isoWeekStart(asOf) && !weekComplete(last.date, asOf)) weeks.pop();
  return weeks;
}

/** Every ISO week's last close, and the week index of each point (integer week numbers: no date strings per bar). */
function groupWeeks(points: readonly Point[]): { weeks: WeeklyClose[]; weekOf: Int32Array } {
  const weeks: WeeklyClose[] = [];
  const weekOf = new Int32Array(points.length);
  let current = Number.NaN;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const wn = isoWeekNumber(p.date);
    if (wn === current) {
      const last = weeks[weeks.length - 1]!;
      last.date = p.date;
      last.close = p.value;
    } else {
      current = wn;
      weeks.push({ week: isoWeekStart(p.date), date: p.date, close: p.value });
    }
    weekOf[i] = weeks.length - 1;
  }
  return { weeks, weekOf };
}

interface Analysis {
  closes: number[];
  /** Prefix sums of closes, for O(1) moving averages. */
  sums: Float64Array;
  /** Highest close strictly before index i, and its index (-1 for i = 0). */
  athIdxBefore: Int32Array;
  /** Index of the last record close at or before i (-1 before the first). */
  lastRecordAt: Int32Array;
  /** Index of the last breakout at or before i (-1 before the first). */
  lastBreakoutAt: Int32Array;
  breakouts: number[];
  /** Complete weekly closes over the whole series; `weekOf[i]` is the week index of point i. */
  weeks: WeeklyClose[];
  weekOf: Int32Array;
}

// Analyses are cached per series array and base length: a daily history then costs a lookup per day.
const cache = new WeakMap<readonly Point[], Map<number, Analysis>>();

function analyse(points: readonly Point[], baseDays: number): Analysis {
  let byBase = cache.get(points);
  if (!byBase) cache.set(points, (byBase = new Map()));
  const hit = byBase.get(baseDays);
  if (hit) return hit;
  const n = points.length;
  const closes = points.map((p) => p.value);
  const sums = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) sums[i + 1] = sums[i]! + closes[i]!;
  const { records, breakouts } = findBreakouts(closes, baseDays);
  const athIdxBefore = new Int32Array(n).fill(-1);
  for (let i = 1; i < n; i++) {
    const prev = athIdxBefore[i - 1]!;
    athIdxBefore[i] = prev < 0 || closes[i - 1]! > closes[prev]! ? i - 1 : prev;
  }
  const fillLast = (marks: number[]) => {
    const out = new Int32Array(n).fill(-1);
    let k = 0;
    let cur = -1;
    for (let i = 0; i < n; i++) {
      if (marks[k] === i) {
        cur = i;
        k++;
      }
      out[i] = cur;
    }
    return out;
  };
  const { weeks, weekOf } = groupWeeks(points);
  const a: Analysis = {
    closes,
    sums,
    athIdxBefore,
    lastRecordAt: fillLast(records),
    lastBreakoutAt: fillLast(breakouts),
    breakouts,
    weeks,
    weekOf,
  };
  byBase.set(baseDays, a);
  return a;
}

/** The Russell 2000 signal as of `day` (SIGNALS.md §3), or null without any close on or before it. */
export function russellSignal(
  series: Series,
  day: Day,
  today: Day,
  s: RussellSettings,
  maxAgeDays: number,
): RussellSignal | null {
  const pts = series.points;
  const lastIdx = indexOnOrBefore(pts, day);
  if (lastIdx < 0) return null;
  const a = analyse(pts, s.breakoutBaseDays);
  const last = pts[lastIdx]!;
  const athIdx = a.athIdxBefore[lastIdx]!;
  const ath = athIdx < 0 ? null : a.closes[athIdx]!;
  const isRecordClose = ath !== null && last.value > ath;
  const lastRecordIdx = a.lastRecordAt[lastIdx]!;
  const lastBreakoutIdx = a.lastBreakoutAt[lastIdx]!;
  const lastBreakoutDate = lastBreakoutIdx < 0 ? null : pts[lastBreakoutIdx]!.date;
  const daysSinceBreakout = lastBreakoutDate === null ? null : daysBetween(lastBreakoutDate, last.date);
  const pctFromAth = ath === null ? null : (last.value / ath - 1) * 100;
  const n = lastIdx + 1;
  const sma200 = n >= s.smaDays ? (a.sums[n]! - a.sums[n - s.smaDays]!) / s.smaDays : null;

  // Weeks before the one holding the last close are complete; that one counts once complete itself.
  const w = a.weekOf[lastIdx]!;
  const weeks = a.weeks.slice(0, w);
  const current = { week: a.weeks[w]!.week, date: last.date, close: last.value };
  if (current.week !== isoWeekStart(day) || weekComplete(last.date, day)) weeks.push(current);
  const weeklyClose = weeks[weeks.length - 1] ?? null;
  const weeklyConfirmed = weeklyClose !== null && weeklyClose.close > s.referenceHigh;
  let weeklyConfirmedSince: Day | null = null;
  for (let i = weeks.length - 1; weeklyConfirmed && i >= 0 && weeks[i]!.close > s.referenceHigh; i--) {
    weeklyConfirmedSince = weeks[i]!.date;
  }
  const firstWeeklyConfirmation = weeks.find((wk) => wk.close > s.referenceHigh)?.date ?? null;

  const tradingDaysSinceRecord = lastRecordIdx < 0 ? null : lastIdx - lastRecordIdx;
  const aboveSma200 = sma200 === null ? null : last.value > sma200;
  const state = russellState({ tradingDaysSinceRecord, pctFromAth, aboveSma200, s });

  return {
    value: last.value,
    asOf: last.date,
    source: series.source,
    ...freshness(last.date, today, maxAgeDays),
    close: last.value,
    ath,
    athDate: athIdx >= 0 ? pts[athIdx]!.date : null,
    pctFromAth,
    isRecordClose,
    lastRecordDate: lastRecordIdx < 0 ? null : pts[lastRecordIdx]!.date,
    tradingDaysSinceRecord,
    breakouts: a.breakouts.filter((i) => i <= lastIdx).map((i) => pts[i]!.date),
    lastBreakoutDate,
    daysSinceBreakout,
    referenceHigh: s.referenceHigh,
    weeklyClose,
    weeklyConfirmed,
    weeklyConfirmedSince,
    firstWeeklyConfirmation,
    sma200,
    aboveSma200,
    state,
    window: lastBreakoutDate === null ? null : spilloverWindow(lastBreakoutDate, day, s),
  };
}

/** The window after `breakout` as of the evaluation day `day` (SIGNALS.md §3). */
export function spilloverWindow(breakout: Day, day: Day, s: RussellSettings): SpilloverWindow {
  const n = daysBetween(breakout, day);
  return {
    breakout,
    day: n,
    from: s.spilloverFromDays,
    to: s.spilloverToDays,
    opens: addDays(breakout, s.spilloverFromDays),
    closes: addDays(breakout, s.spilloverToDays),
    status: n < s.spilloverFromDays ? 'before' : n <= s.spilloverToDays ? 'open' : 'closed',
  };
}

/**
 * Where the price is, most specific first: a fresh record close outranks proximity to the ATH; the SMA decides
 * the rest. The calendar (the spill-over window) never replaces it.
 */
function russellState(x: {
  tradingDaysSinceRecord: number | null;
  pctFromAth: number | null;
  aboveSma200: boolean | null;
  s: RussellSettings;
}): RussellState {
  const { s } = x;
  if (x.tradingDaysSinceRecord !== null && x.tradingDaysSinceRecord < s.breakoutRecentDays) return 'breakout';
  if (x.pctFromAth !== null && x.pctFromAth >= -s.nearAthPct) return 'near-ath';
  if (x.aboveSma200 === null) return 'unknown';
  return x.aboveSma200 ? 'recovering' : 'risk-off';
}
