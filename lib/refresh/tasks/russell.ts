import { lastDay, storeMacro } from '../../cache/series-cache';
import { addDays, dayMs } from '../../series/dates';
import { MACRO_CHAINS } from '../../cache/chains';
import { fetchYahooDaily } from '../../sources/yahoo';
import { KEEP_DAYS, type TaskContext } from '../context';
import { isDue, lastClosedUsSession } from '../../cache/freshness';

/** Bars asked for before the last cached close, so a revised or late final bar is picked up too. */
const OVERLAP_DAYS = 5;

/**
 * Russell 2000 closes from Yahoo (query1, then query2): ten years when cold; after that, from a few
 * days before the last cached close up to now, so a long time offline leaves no gap.
 */
export async function refreshRussell(ctx: TaskContext): Promise<void> {
  const cached = ctx.cache.macro.rut?.[MACRO_CHAINS.rut.links[0]!.source];
  if (!isDue(cached, lastClosedUsSession(ctx.now), ctx.now)) return;
  const last = lastDay(cached);
  const mode = last
    ? { mode: 'since' as const, sinceMs: dayMs(addDays(last, -OVERLAP_DAYS)) }
    : { mode: 'cold' as const };
  const r = await ctx.gate.call('yahoo', (o) => fetchYahooDaily(o.fetch, { ...o, ...mode }));
  if (r.ok && r.value.series.points.length > 0)
    storeMacro(ctx.cache, 'rut', 'yahoo', r.value.series, ctx.now, KEEP_DAYS.rut);
}
