import { FEAR_GREED_SOURCE, fetchFearGreed } from '../../sources/alternativeme';
import { CMC_FEAR_GREED_SOURCE, fetchCmcFearGreed } from '../../sources/cmc';
import { daysBetween } from '../../series/dates';
import { answer, type Asks } from '../chain';

const COLD_DAYS = 500;
const LIMIT_MARGIN_DAYS = 3;

/** alternative.me publishes the day's value at 00:00 UTC; CoinMarketCap's own index is the labelled fallback. */
export const fearGreedAsks = (): Asks => ({
  [FEAR_GREED_SOURCE]: async ({ call, last, expected }) => {
    // Every day since the last cached one, plus a margin for a revised day; 500 days when cold.
    const limit = last ? Math.max(0, daysBetween(last, expected)) + LIMIT_MARGIN_DAYS : COLD_DAYS;
    return answer(await call((o) => fetchFearGreed(o.fetch, { ...o, limit })));
  },
  [CMC_FEAR_GREED_SOURCE]: async ({ call }) =>
    answer(await call((o) => fetchCmcFearGreed(o.fetch, { ...o, days: 400 }))),
});
