import { storeMacro } from '../../cache/series-cache';
import { FEAR_GREED_SOURCE, fetchFearGreed } from '../../sources/alternativeme';
import { CMC_FEAR_GREED_SOURCE, fetchCmcFearGreed } from '../../sources/cmc';
import { toDay } from '../../series/dates';
import { KEEP_DAYS, type TaskContext } from '../context';
import { fallbackDue, isDue } from '../due';

export const FEAR_GREED_SOURCES = [FEAR_GREED_SOURCE, CMC_FEAR_GREED_SOURCE];

/** alternative.me publishes the day's value at 00:00 UTC; CoinMarketCap's own index is the labelled fallback. */
export async function refreshFearGreed(ctx: TaskContext): Promise<void> {
  const primary = ctx.cache.macro.fearGreed?.[FEAR_GREED_SOURCE];
  const expected = toDay(ctx.now);
  if (!isDue(primary, expected, ctx.now)) return;
  const r = await ctx.gate.call('alternative.me', (o) => fetchFearGreed(o.fetch, { ...o, limit: primary ? 10 : 500 }));
  if (r.ok) {
    storeMacro(ctx.cache, 'fearGreed', 'alternative.me', r.value, ctx.now, KEEP_DAYS.fearGreed);
    return;
  }
  if (!fallbackDue(ctx.cache.macro.fearGreed, FEAR_GREED_SOURCE, expected, ctx.now, ctx.settings.staleness.cryptoMaxAgeDays)) return;
  const f = await ctx.gate.call('cmc', (o) => fetchCmcFearGreed(o.fetch, { ...o, days: 400 }));
  if (f.ok) storeMacro(ctx.cache, 'fearGreed', 'cmc', f.value, ctx.now, KEEP_DAYS.fearGreed);
}
