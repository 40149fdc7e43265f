import { CMC_TOTAL3_SOURCE, fetchCmcTotal3 } from '../../sources/cmc';
import { COINGECKO_TOTAL3_SOURCE, coingeckoTotal3Snapshot } from '../../sources/coingecko';
import { mapResult } from '../../core/result';
import { daysBetween } from '../../series/dates';
import type { Day } from '../../series/types';
import { answerWithPoints, currentValue, type Asks } from '../chain';
import type { GlobalCache } from './global';

/** Days of overlap kept in a 30-day request (the range counts back from now, in calendar days). */
const RANGE_MARGIN_DAYS = 3;

/** The daily range to ask CMC for: 30 days while that reaches back past the last cached day, else the cold year. */
export function total3Range(last: Day | null, expected: Day): '30d' | '1y' {
  return last !== null && daysBetween(last, expected) <= 30 - RANGE_MARGIN_DAYS ? '30d' : '1y';
}

/**
 * TOTAL3 history from CoinMarketCap (a year when cold or long offline, 30 days after); CoinGecko's current value when
 * CMC's is stale.
 */
export const total3Asks = (global: GlobalCache): Asks => ({
  [CMC_TOTAL3_SOURCE]: async ({ call, last, expected }) =>
    answerWithPoints(await call((o) => fetchCmcTotal3(o.fetch, { ...o, range: total3Range(last, expected) }))),
  [COINGECKO_TOTAL3_SOURCE]: async ({ now }) =>
    currentValue(mapResult(await global.get(), coingeckoTotal3Snapshot), now),
});
