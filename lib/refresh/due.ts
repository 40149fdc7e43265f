import { addDays, isoWeekday, toDay } from '../series/dates';
import type { Day } from '../series/types';
import { isFresh, lastDay, type CachedSeries } from '../cache/series-cache';

/** Do not ask a provider again for the same series sooner than this after a success. */
export const MIN_REFETCH_MS = 15 * 60_000;

/** The newest daily close a crypto provider can have: yesterday (UTC); today's candle is still open. */
export function lastClosedCryptoDay(now: number): Day {
  return addDays(toDay(now), -1);
}

/**
 * The newest Russell 2000 session that has closed: today after 21:00 UTC on a weekday (16:00 New York
 * plus margin for daylight saving), else the previous weekday. Holidays only cost one wasted request.
 */
export function lastClosedUsSession(now: number): Day {
  const today = toDay(now);
  let d = new Date(now).getUTCHours() >= 21 ? today : addDays(today, -1);
  while (isoWeekday(d) > 5) d = addDays(d, -1);
  return d;
}

/**
 * A cached series needs fetching when it is missing, or when it lacks the newest expected day and was
 * not fetched in the last 15 minutes (a provider that has not published yet is not asked every minute).
 */
export function isDue(cached: CachedSeries | undefined, expected: Day, now: number): boolean {
  const last = lastDay(cached);
  if (last === null) return true;
  if (last >= expected) return false;
  return now - cached!.fetchedAt >= MIN_REFETCH_MS;
}

/**
 * After the primary of a fallback chain was due and did not answer: whether to ask a fallback. Only
 * when the primary is stale or missing (otherwise the engine keeps reading the primary's history and
 * a fallback point would not be used), and when no fallback has the expected day yet.
 */
export function fallbackDue(
  bySource: Record<string, CachedSeries> | undefined,
  primary: string,
  expected: Day,
  now: number,
  maxAgeDays: number,
): boolean {
  if (isFresh(bySource?.[primary], toDay(now), maxAgeDays)) return false;
  const fallbacks = Object.values(bySource ?? {}).filter((c) => c.source !== primary && c.points.length > 0);
  const newest = fallbacks.sort((a, b) => (lastDay(a)! < lastDay(b)! ? 1 : -1))[0];
  return isDue(newest, expected, now);
}
