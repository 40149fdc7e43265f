import { addDays, toDay } from '../series/dates';
import { usSessionOnOrBefore } from '../series/us-market';
import type { Day } from '../series/types';
import { isFresh, lastDay, type CachedSeries } from '../cache/series-cache';

/** Do not ask a provider again for the same series sooner than this after a success. */
export const MIN_REFETCH_MS = 15 * 60_000;

/** The newest daily close a crypto provider can have: yesterday (UTC); today's candle is still open. */
export function lastClosedCryptoDay(now: number): Day {
  return addDays(toDay(now), -1);
}

/**
 * The newest Russell 2000 session that has closed: today after 21:00 UTC on a session day (16:00 New York
 * plus margin for daylight saving), else the session before. US market holidays are not sessions, so a
 * holiday never makes the Russell look late (and never costs a request every 15 minutes).
 */
export function lastClosedUsSession(now: number): Day {
  const today = toDay(now);
  return usSessionOnOrBefore(new Date(now).getUTCHours() >= 21 ? today : addDays(today, -1));
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
