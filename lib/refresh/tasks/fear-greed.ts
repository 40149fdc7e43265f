import { lastDay, storeMacro } from '../../cache/series-cache';
import { FEAR_GREED_SOURCE, fetchFearGreed } from '../../sources/alternativeme';
import { fetchCmcFearGreed } from '../../sources/cmc';
import { daysBetween, toDay } from '../../series/dates';
import { KEEP_DAYS, type TaskContext } from '../context';
import { fallbackDue, isDue } from '../../cache/freshness';

const COLD_DAYS = 500;
const LIMIT_MARGIN_DAYS = 3;

/** alternative.me publishes the day's value at 00:00 UTC; CoinMarketCap's own index is the labelled fallback. */
export async function refreshFearGreed(ctx: TaskContext): Promise<void> {
  const primary = ctx.cache.macro.fearGreed?.[FEAR_GREED_SOURCE];
  const expected = toDay(ctx.now);
  if (!isDue(primary, expected, ctx.now)) return;
  const last = lastDay(primary);
  // Every day since the last cached one, plus a margin for a revised day; 500 days when cold.
  const limit = last ? Math.max(0, daysBetween(last, expected)) + LIMIT_MARGIN_DAYS : COLD_DAYS;
  const r = await ctx.gate.call('alternative.me', (o) => fetchFearGreed(o.fetch, { ...o, limit }));
  if (r.ok) {
    storeMacro(ctx.cache, 'fearGreed', 'alternative.me', r.value, ctx.now, KEEP_DAYS.fearGreed);
    return;
  }
  if (
    !fallbackDue(
      ctx.cache.macro.fearGreed,
      FEAR_GREED_SOURCE,
      expected,
      ctx.now,
      ctx.settings.staleness.cryptoMaxAgeDays,
    )
  )
    return;
  const f = await ctx.gate.call('cmc', (o) => fetchCmcFearGreed(o.fetch, { ...o, days: 400 }));
  if (f.ok) storeMacro(ctx.cache, 'fearGreed', 'cmc', f.value, ctx.now, KEEP_DAYS.fearGreed);
}
