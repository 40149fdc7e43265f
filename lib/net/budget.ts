/**
 * A provider's call budget: at most `calls` requests in any rolling `windowMs` (CoinGecko's keyless API
 * answers 429 after about 5 a minute). Plain JSON, persisted with the refresh's bookkeeping, so a worker
 * the browser kills and restarts does not forget the calls it just spent.
 */
export interface Budget {
  calls: number;
  windowMs: number;
}

/** Send times (epoch ms) of the recent requests, by provider. */
export type SentLog = Record<string, number[]>;

/**
 * The keyless CoinGecko budget: the lower end of its 5–10 calls a minute, the minute stretched by 5 s for clock
 * skew and latency.
 */
export const COINGECKO_BUDGET: Budget = { calls: 5, windowMs: 65_000 };

/** The send times still inside the window, sorted; garbage dropped, future times (a clock jump) too. */
export function recentCalls(raw: unknown, now: number, b: Budget): number[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t > now - b.windowMs && t <= now)
    .sort((a, c) => a - c);
}

/** When the next call fits the budget: now if it does, else when the oldest call in the window leaves it. */
export function nextSlot(sent: readonly number[], now: number, b: Budget): number {
  const inWindow = sent.filter((t) => t > now - b.windowMs);
  if (inWindow.length < b.calls) return now;
  return inWindow[inWindow.length - b.calls]! + b.windowMs;
}
