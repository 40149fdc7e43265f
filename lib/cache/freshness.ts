/**
 * When a cached series is current, when it is due for a fetch, when a fallback may stand in, and which
 * cached series the engine reads: the refresh and every view judge freshness by these rules alone.
 */
import { addDays, daysBetween, toDay } from '../series/dates';
import { usSessionOnOrBefore } from '../series/us-market';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { perMacroChain, type Chain, type ExpectedDay } from './chains';
import { lastDay, type CachedSeries, type MacroKey } from './series-cache';

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

const EXPECTED_DAY: Record<ExpectedDay, (now: number) => Day> = {
  'crypto-close': lastClosedCryptoDay,
  'us-session': lastClosedUsSession,
  'utc-day': toDay,
};

/** The newest day a chain's providers can have at `now`: a series without it is due. */
export function expectedDay(chain: Pick<Chain, 'expected'>, now: number): Day {
  return EXPECTED_DAY[chain.expected](now);
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

/** A cached series whose newest day is within `maxAgeDays` of `today` (not stale). */
export function isFresh(c: CachedSeries | undefined, today: Day, maxAgeDays: number): boolean {
  const last = lastDay(c);
  return last !== null && daysBetween(last, today) <= maxAgeDays;
}

/** How old a series may be before a fallback may stand in for it: the signals' staleness rule. */
export interface SourceFreshness {
  today: Day;
  maxAgeDays: Record<MacroKey, number>;
}

export function sourceFreshness(settings: Settings, today: Day): SourceFreshness {
  return { today, maxAgeDays: perMacroChain((c) => settings.staleness[c.maxAge]) };
}

/**
 * The series the engine should read for a signal: the first of `preference` (the fallback chain,
 * primary first) that is not stale, so a fallback's single current point never replaces the
 * primary's history while that history is current. When every series is stale (or no freshness is
 * given), the one with the newest data; on a tie the first in `preference`.
 */
export function pickSource(
  bySource: Record<string, CachedSeries> | undefined,
  preference: readonly string[],
  fresh?: { today: Day; maxAgeDays: number },
): CachedSeries | undefined {
  const all = Object.values(bySource ?? {}).filter((c) => c.points.length > 0);
  const rank = (c: CachedSeries) => {
    const i = preference.indexOf(c.source);
    return i < 0 ? preference.length : i;
  };
  if (fresh) {
    const current = all.filter((c) => isFresh(c, fresh.today, fresh.maxAgeDays)).sort((a, b) => rank(a) - rank(b));
    if (current[0]) return current[0];
  }
  all.sort((a, b) => {
    const la = lastDay(a)!;
    const lb = lastDay(b)!;
    return la === lb ? rank(a) - rank(b) : la < lb ? 1 : -1;
  });
  return all[0];
}
