import { addDays, dayMs } from '../series/dates';
import type { Day } from '../series/types';

/**
 * Per-coin backoff for an incremental request that was answered but brought no new candle (a halted
 * or delisted coin). Without it every hourly refresh re-asks each such coin, one request per coin.
 * Plain JSON: persisted in the refresh meta, so a killed worker keeps it.
 */
export interface EmptyAnswer {
  /** Consecutive answered-but-empty incremental requests. */
  count: number;
  /** Epoch ms before which the coin is not asked again. */
  retryAt: number;
}

export const EMPTY_BACKOFF_BASE_MS = 3 * 3_600_000;
export const EMPTY_BACKOFF_CAP_MS = 24 * 3_600_000;
/**
 * A candle missing this long after its day closed is not a provider's publishing delay: only then
 * does an empty answer start the backoff (before, the usual 15-minute re-ask applies).
 */
export const EMPTY_GRACE_MS = 3_600_000;

/** 3 h, 6 h, 12 h, then 24 h. */
export function emptyBackoffMs(count: number): number {
  return Math.min(EMPTY_BACKOFF_CAP_MS, EMPTY_BACKOFF_BASE_MS * 2 ** Math.max(0, count - 1));
}

/**
 * Reads the persisted backoffs defensively: garbage entries are dropped, and a time further ahead
 * than the cap (a clock jump, a corrupted write) is pulled back to it, so nothing waits forever.
 */
export function restoreEmptyAnswers(raw: unknown, now: number): Record<string, EmptyAnswer> {
  const out: Record<string, EmptyAnswer> = {};
  if (raw === null || typeof raw !== 'object') return out;
  for (const [symbol, e] of Object.entries(raw as Record<string, unknown>)) {
    if (e === null || typeof e !== 'object') continue;
    const { count, retryAt } = e as Record<string, unknown>;
    if (typeof retryAt !== 'number' || !Number.isFinite(retryAt)) continue;
    const n = typeof count === 'number' && Number.isFinite(count) && count >= 1 ? Math.floor(count) : 1;
    out[symbol] = { count: n, retryAt: Math.min(retryAt, now + EMPTY_BACKOFF_CAP_MS) };
  }
  return out;
}

/** Whether a coin in backoff must wait for its next ask. */
export function waitingForCandle(e: EmptyAnswer | undefined, now: number): boolean {
  return e !== undefined && now < e.retryAt;
}

/**
 * The state after an answered-but-empty incremental request for `expected`, or `prev` while still in the grace period.
 */
export function onEmptyAnswer(prev: EmptyAnswer | undefined, expected: Day, now: number): EmptyAnswer | undefined {
  if (now < dayMs(addDays(expected, 1)) + EMPTY_GRACE_MS) return prev;
  return backoffAgain(prev, now);
}

/** One more failed ask at `now`: the count up by one, the next ask after its wait (3 h, 6 h, 12 h, then 24 h). */
export function backoffAgain(prev: EmptyAnswer | undefined, now: number): EmptyAnswer {
  const count = (prev?.count ?? 0) + 1;
  return { count, retryAt: now + emptyBackoffMs(count) };
}
