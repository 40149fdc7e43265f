import type { Day } from './types';

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day in `YYYY-MM-DD` form (rejects 2024-02-30). */
export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  return toDay(t) === s;
}

/** UTC day of an epoch-milliseconds instant. */
export function toDay(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch milliseconds of 00:00 UTC on a day. */
export function dayMs(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: Day, n: number): Day {
  return toDay(dayMs(day) + n * DAY_MS);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` day, by integer arithmetic (no Date, no string building):
 * hot loops over 10,000 bars call this where `dayMs` would parse a string each time.
 */
export function dayNumber(day: Day): number {
  let y =
    (day.charCodeAt(0) - 48) * 1000 +
    (day.charCodeAt(1) - 48) * 100 +
    (day.charCodeAt(2) - 48) * 10 +
    (day.charCodeAt(3) - 48);
  const m = (day.charCodeAt(5) - 48) * 10 + (day.charCodeAt(6) - 48);
  const d = (day.charCodeAt(8) - 48) * 10 + (day.charCodeAt(9) - 48);
  // Howard Hinnant's days_from_civil, with March as the first month of the year.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A number per ISO week (Monday to Sunday), equal for all days of one week; 1970-01-05 starts week 1. */
export function isoWeekNumber(day: Day): number {
  return Math.floor((dayNumber(day) + 3) / 7);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day): number {
  const d = new Date(dayMs(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Monday of the ISO week holding `day`: a stable key for weekly grouping. */
export function isoWeekStart(day: Day): Day {
  return addDays(day, 1 - isoWeekday(day));
}

/** `YYYY-MM` of a day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

/** Last calendar day of the month holding `day`. */
export function monthEnd(day: Day): Day {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7);
  return toDay(Date.UTC(y, m, 0));
}
