import { CMC_DOMINANCE_SOURCE, fetchCmcDominance } from '../../sources/cmc';
import { COINGECKO_DOMINANCE_SOURCE, coingeckoDominanceSnapshot } from '../../sources/coingecko';
import { COINLORE_DOMINANCE_SOURCE, fetchCoinloreDominance } from '../../sources/coinlore';
import { COINPAPRIKA_DOMINANCE_SOURCE, fetchCoinpaprikaDominance } from '../../sources/coinpaprika';
import { mapResult } from '../../core/result';
import { answerWithPoints, currentValue, type Asks } from '../chain';
import type { GlobalCache } from './global';

/**
 * BTC dominance history from CoinMarketCap; when it fails and its history is stale, today's value from
 * CoinGecko, CoinPaprika or CoinLore, each kept as its own series (their definitions differ), never
 * mixed into CMC's.
 */
export const dominanceAsks = (global: GlobalCache): Asks => ({
  [CMC_DOMINANCE_SOURCE]: async ({ call }) =>
    answerWithPoints(mapResult(await call((o) => fetchCmcDominance(o.fetch, o)), (v) => v.btc)),
  [COINGECKO_DOMINANCE_SOURCE]: async ({ now }) =>
    currentValue(mapResult(await global.get(), coingeckoDominanceSnapshot), now),
  [COINPAPRIKA_DOMINANCE_SOURCE]: async ({ call, now }) =>
    currentValue(await call((o) => fetchCoinpaprikaDominance(o.fetch, o)), now),
  [COINLORE_DOMINANCE_SOURCE]: async ({ call, now }) =>
    currentValue(await call((o) => fetchCoinloreDominance(o.fetch, o)), now),
});
