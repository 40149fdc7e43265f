import { isDue, isFresh, lastClosedCryptoDay } from '../../cache/freshness';
import { storeMacro, lastDay } from '../../cache/series-cache';
import { ETHBTC_DERIVED_SOURCE, MACRO_CHAINS } from '../../cache/chains';
import { fetchEthBtc } from '../../sources/binance';
import { addDays, dayMs, toDay } from '../../series/dates';
import type { Point } from '../../series/types';
import { KEEP_DAYS, type TaskContext } from '../context';

const ETHBTC_PAIR_SOURCE = MACRO_CHAINS.ethbtc.links[0]!.source;

/** The ETHBTC pair from Binance; when it fails, the ratio of the cached ETH and BTC closes (labelled). */
export async function refreshEthBtc(ctx: TaskContext): Promise<void> {
  const expected = lastClosedCryptoDay(ctx.now);
  const pair = ctx.cache.macro.ethbtc?.[ETHBTC_PAIR_SOURCE];
  if (!isDue(pair, expected, ctx.now)) return;
  const last = lastDay(pair);
  const r = await ctx.gate.call('binance', (o) =>
    fetchEthBtc(o.fetch, { ...o, ...(last ? { startTime: dayMs(addDays(last, 1)), limit: 1000 } : { limit: 400 }) }),
  );
  if (r.ok) {
    storeMacro(ctx.cache, 'ethbtc', 'binance', r.value, ctx.now, KEEP_DAYS.ethbtc);
    return;
  }
  // The derived ratio stands in only while the pair's own history is stale (it costs no request).
  if (isFresh(pair, toDay(ctx.now), ctx.settings.staleness.cryptoMaxAgeDays)) return;
  const eth = ctx.cache.coins.ETH;
  const btc = ctx.cache.coins.BTC;
  if (!eth || !btc || eth.source !== btc.source) return;
  const btcBy = new Map(btc.points);
  const points: Point[] = [];
  for (const [date, v] of eth.points) {
    const b = btcBy.get(date);
    if (b) points.push({ date, value: v / b });
  }
  if (points.length)
    storeMacro(ctx.cache, 'ethbtc', eth.provider, { source: ETHBTC_DERIVED_SOURCE, points }, ctx.now, KEEP_DAYS.ethbtc);
}
