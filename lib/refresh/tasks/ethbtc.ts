import { ETHBTC_DERIVED_SOURCE, MACRO_CHAINS } from '../../cache/chains';
import type { SeriesCache } from '../../cache/series-cache';
import { fetchEthBtc } from '../../sources/binance';
import { addDays, dayMs } from '../../series/dates';
import { answer, type Asks } from '../chain';

/**
 * The ETHBTC pair from Binance. Days without a pair close (it failed, or is late) are not stored here: the
 * series set derives them from the cached ETH and BTC closes by SIGNALS.md §2's one rule (lib/series/ethbtc.ts),
 * as the CLI and the evidence do.
 */
export const ethBtcAsks = (): Asks => ({
  [MACRO_CHAINS.ethbtc.links[0].source]: async ({ call, last }) =>
    answer(
      await call((o) =>
        fetchEthBtc(o.fetch, {
          ...o,
          ...(last ? { startTime: dayMs(addDays(last, 1)), limit: 1000 } : { limit: 400 }),
        }),
      ),
    ),
});

/** Versions before the engine derived ETH/BTC cached their own ETH ÷ BTC series beside the pair: dropped. */
export function dropLegacyDerivedEthBtc(cache: SeriesCache): void {
  if (cache.macro.ethbtc) delete cache.macro.ethbtc[ETHBTC_DERIVED_SOURCE];
}
