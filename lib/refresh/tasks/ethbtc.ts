import { storeMacro, lastDay } from '../../cache/series-cache';
import { binanceSource, fetchEthBtc } from '../../sources/binance';
import { addDays, dayMs } from '../../series/dates';
import { KEEP_DAYS, type TaskContext } from '../context';
import { isDue, lastClosedCryptoDay } from '../due';

export const ETHBTC_PAIR_SOURCE = binanceSource('ETHBTC');
/** The worker's own ETH ÷ BTC series, stored by versions before the engine derived it (dropped on refresh). */
export const ETHBTC_DERIVED_SOURCE = 'Binance ETHUSDT ÷ BTCUSDT';
export const ETHBTC_SOURCES = [ETHBTC_PAIR_SOURCE];

/**
 * The ETHBTC pair from Binance. Days without a pair close (it failed, or is late) are not stored here:
 * the series set derives them from the cached ETH and BTC closes by SIGNALS.md §2's one rule
 * (lib/series/ethbtc.ts), as the CLI and the evidence do.
 */
export async function refreshEthBtc(ctx: TaskContext): Promise<void> {
  if (ctx.cache.macro.ethbtc) delete ctx.cache.macro.ethbtc[ETHBTC_DERIVED_SOURCE];
  const expected = lastClosedCryptoDay(ctx.now);
  const pair = ctx.cache.macro.ethbtc?.[ETHBTC_PAIR_SOURCE];
  if (!isDue(pair, expected, ctx.now)) return;
  const last = lastDay(pair);
  const r = await ctx.gate.call('binance', (o) =>
    fetchEthBtc(o.fetch, { ...o, ...(last ? { startTime: dayMs(addDays(last, 1)), limit: 1000 } : { limit: 400 }) }),
  );
  if (r.ok) storeMacro(ctx.cache, 'ethbtc', 'binance', r.value, ctx.now, KEEP_DAYS.ethbtc);
}
