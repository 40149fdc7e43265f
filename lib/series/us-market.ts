/**
 * The US equity market calendar (NYSE): which days are sessions. The Russell 2000 and the US spot ETFs trade
 * only on these, so "the latest session", "the week's last close" and "a missing session" all need it; a
 * weekday without a bar is a holiday only if this calendar says so, otherwise the data is late or missing.
 * Rules as NYSE publishes them (Rule 7.2), plus the one-off closures since 1999.
 */
import { addDays, isoWeekday, toDay } from './dates';
import type { Day } from './types';

/** Unscheduled closures (national days of mourning, Hurricane Sandy, 9/11), from NYSE's holiday history. */
const SPECIAL_CLOSURES: Readonly<Record<Day, string>> = {
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning (Reagan)',
  '2007-01-02': 'National Day of Mourning (Ford)',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning (G. H. W. Bush)',
  '2025-01-09': 'National Day of Mourning (Carter)',
};

const ymd = (y: number, m: number, d: number): Day => toDay(Date.UTC(y, m - 1, d));

/** The n-th (1-based) given ISO weekday of a month; n = -1 for the last. */
function nthWeekday(y: number, m: number, weekday: number, n: number): Day {
  if (n > 0) {
    const first = ymd(y, m, 1);
    const shift = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, shift + (n - 1) * 7);
  }
  const last = ymd(y, m + 1, 0);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

/** A fixed-date holiday on a weekend is observed on the Friday before (Saturday) or the Monday after (Sunday). */
function observed(day: Day): Day {
  const wd = isoWeekday(day);
  return wd === 6 ? addDays(day, -1) : wd === 7 ? addDays(day, 1) : day;
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(y: number): Day {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

const byYear = new Map<number, ReadonlyMap<Day, string>>();

/** The scheduled full-day holidays of a year, observed dates, with their names. */
export function usMarketHolidays(y: number): ReadonlyMap<Day, string> {
  const hit = byYear.get(y);
  if (hit) return hit;
  const h = new Map<Day, string>();
  // New Year's Day on a Saturday is not moved to Friday December 31 (NYSE rule); on a Sunday it is Monday.
  const newYear = ymd(y, 1, 1);
  if (isoWeekday(newYear) !== 6) h.set(observed(newYear), "New Year's Day");
  h.set(nthWeekday(y, 1, 1, 3), 'Martin Luther King Jr. Day');
  h.set(nthWeekday(y, 2, 1, 3), "Washington's Birthday");
  h.set(addDays(easter(y), -2), 'Good Friday');
  h.set(nthWeekday(y, 5, 1, -1), 'Memorial Day');
  if (y >= 2022) h.set(observed(ymd(y, 6, 19)), 'Juneteenth');
  h.set(observed(ymd(y, 7, 4)), 'Independence Day');
  h.set(nthWeekday(y, 9, 1, 1), 'Labor Day');
  h.set(nthWeekday(y, 11, 4, 4), 'Thanksgiving Day');
  h.set(observed(ymd(y, 12, 25)), 'Christmas Day');
  byYear.set(y, h);
  return h;
}

/** Why the US market is closed on `day` (weekend, holiday or special closure), or null on a session day. */
export function usMarketClosure(day: Day): string | null {
  const wd = isoWeekday(day);
  if (wd >= 6) return 'weekend';
  return usMarketHolidays(+day.slice(0, 4)).get(day) ?? SPECIAL_CLOSURES[day] ?? null;
}

export function isUsSession(day: Day): boolean {
  return usMarketClosure(day) === null;
}

/** The latest session on or before `day`. */
export function usSessionOnOrBefore(day: Day): Day {
  let d = day;
  while (!isUsSession(d)) d = addDays(d, -1);
  return d;
}

/** The last session of the ISO week holding `day`, or null when the whole week is closed. */
export function lastUsSessionOfWeek(day: Day): Day | null {
  const monday = addDays(day, 1 - isoWeekday(day));
  for (let d = addDays(monday, 4); d >= monday; d = addDays(d, -1)) if (isUsSession(d)) return d;
  return null;
}
