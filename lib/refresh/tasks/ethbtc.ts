import { ETHBTC_DERIVED_SOURCE, MACRO_CHAINS } from '../../cache/chains';
import type { SeriesCache } from '../../cache/series-cache';
import { fetchEthBtc } from '../../sources/binance';
import { addDays, dayMs } from '../../series/dates';
import type { Point } from '../../series/types';
import { answer, type Asks } from '../chain';

/** The ETHBTC pair from Binance; when it fails, the ratio of the cached ETH and BTC closes (labelled). */
export const ethBtcAsks = (cache: SeriesCache): Asks => ({
  [MACRO_CHAINS.ethbtc.links[0].source]: async ({ call, last }) =>
    answer(
      await call((o) =>
        fetchEthBtc(o.fetch, {
          ...o,
          ...(last ? { startTime: dayMs(addDays(last, 1)), limit: 1000 } : { limit: 400 }),
        }),
      ),
    ),
  // No request: the closes the coin task cached, of one venue only (closes of two venues never mix).
  [ETHBTC_DERIVED_SOURCE]: async () => {
    const eth = cache.coins.ETH;
    const btc = cache.coins.BTC;
    if (!eth || !btc || eth.source !== btc.source) return null;
    const btcBy = new Map(btc.points);
    const points: Point[] = [];
    for (const [date, v] of eth.points) {
      const b = btcBy.get(date);
      if (b) points.push({ date, value: v / b });
    }
    return points.length ? { series: { source: ETHBTC_DERIVED_SOURCE, points }, provider: eth.provider } : null;
  },
});
