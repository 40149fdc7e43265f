import { lastDay, storeMacro } from '../../cache/series-cache';
import { CMC_TOTAL3_SOURCE, fetchCmcTotal3 } from '../../sources/cmc';
import { coingeckoTotal3Snapshot } from '../../sources/coingecko';
import { daysBetween, toDay } from '../../series/dates';
import type { Day } from '../../series/types';
import { KEEP_DAYS, type TaskContext } from '../context';
import { fallbackDue, isDue, lastClosedCryptoDay } from '../../cache/freshness';
import type { GlobalCache } from './global';

/** Days of overlap kept in a 30-day request (the range counts back from now, in calendar days). */
const RANGE_MARGIN_DAYS = 3;

/** The daily range to ask CMC for: 30 days while that reaches back past the last cached day, else the cold year. */
export function total3Range(last: Day | null, expected: Day): '30d' | '1y' {
  return last !== null && daysBetween(last, expected) <= 30 - RANGE_MARGIN_DAYS ? '30d' : '1y';
}

/** TOTAL3 history from CoinMarketCap (a year when cold or long offline, 30 days after); CoinGecko's current value when CMC's is stale. */
export async function refreshTotal3(ctx: TaskContext, global: GlobalCache): Promise<void> {
  const expected = lastClosedCryptoDay(ctx.now);
  const cmc = ctx.cache.macro.total3?.[CMC_TOTAL3_SOURCE];
  // Due on the primary's own data, so CoinMarketCap is retried while CoinGecko's point serves.
  if (!isDue(cmc, expected, ctx.now)) return;
  const r = await ctx.gate.call('cmc', (o) =>
    fetchCmcTotal3(o.fetch, { ...o, range: total3Range(lastDay(cmc), expected) }),
  );
  if (r.ok && r.value.points.length > 0) {
    storeMacro(ctx.cache, 'total3', 'cmc', r.value, ctx.now, KEEP_DAYS.total3);
    return;
  }
  if (
    !fallbackDue(ctx.cache.macro.total3, CMC_TOTAL3_SOURCE, expected, ctx.now, ctx.settings.staleness.cryptoMaxAgeDays)
  )
    return;
  const g = await global.get();
  if (!g.ok) return;
  const v = coingeckoTotal3Snapshot(g.value);
  const today = toDay(ctx.now);
  storeMacro(
    ctx.cache,
    'total3',
    'coingecko',
    { source: v.source, points: [{ date: v.date > today ? today : v.date, value: v.value }] },
    ctx.now,
    KEEP_DAYS.total3,
  );
}
