import { storeMacro } from '../../cache/series-cache';
import { CMC_DOMINANCE_SOURCE, fetchCmcDominance } from '../../sources/cmc';
import { coingeckoDominanceSnapshot } from '../../sources/coingecko';
import { fetchCoinloreDominance } from '../../sources/coinlore';
import { fetchCoinpaprikaDominance } from '../../sources/coinpaprika';
import type { Snapshot as ValueSnapshot } from '../../sources/parse';
import type { Result } from '../../sources/result';
import { toDay } from '../../series/dates';
import { KEEP_DAYS, type TaskContext } from '../context';
import { fallbackDue, isDue, lastClosedCryptoDay } from '../../cache/freshness';
import type { GlobalCache } from './global';

/**
 * BTC dominance history from CoinMarketCap; when it fails and its history is stale, today's value from
 * CoinGecko, CoinPaprika or CoinLore, each kept as its own series (their definitions differ), never
 * mixed into CMC's.
 */
export async function refreshDominance(ctx: TaskContext, global: GlobalCache): Promise<void> {
  const expected = lastClosedCryptoDay(ctx.now);
  // Due on the primary's own data: while a fallback serves the signal, CoinMarketCap is still asked
  // (the gate's cooldown paces it), so its history takes over again as soon as it answers.
  if (!isDue(ctx.cache.macro.btcDominance?.[CMC_DOMINANCE_SOURCE], expected, ctx.now)) return;
  const r = await ctx.gate.call('cmc', (o) => fetchCmcDominance(o.fetch, o));
  if (r.ok && r.value.btc.points.length > 0) {
    storeMacro(ctx.cache, 'btcDominance', 'cmc', r.value.btc, ctx.now, KEEP_DAYS.btcDominance);
    return;
  }
  if (
    !fallbackDue(
      ctx.cache.macro.btcDominance,
      CMC_DOMINANCE_SOURCE,
      expected,
      ctx.now,
      ctx.settings.staleness.cryptoMaxAgeDays,
    )
  )
    return;
  const today = toDay(ctx.now);
  const fallbacks: [string, () => Promise<Result<ValueSnapshot>>][] = [
    [
      'coingecko',
      async () => {
        const g = await global.get();
        return g.ok ? { ok: true, value: coingeckoDominanceSnapshot(g.value) } : g;
      },
    ],
    ['coinpaprika', () => ctx.gate.call('coinpaprika', (o) => fetchCoinpaprikaDominance(o.fetch, o))],
    ['coinlore', () => ctx.gate.call('coinlore', (o) => fetchCoinloreDominance(o.fetch, o))],
  ];
  for (const [provider, get] of fallbacks) {
    const r = await get();
    if (!r.ok) continue;
    const v = r.value;
    storeMacro(
      ctx.cache,
      'btcDominance',
      provider,
      { source: v.source, points: [{ date: v.date > today ? today : v.date, value: v.value }] },
      ctx.now,
      KEEP_DAYS.btcDominance,
    );
    return;
  }
}
