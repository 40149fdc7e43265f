import { storeMacro } from '../../cache/series-cache';
import { fetchYahooDaily, RUT_SYMBOL, yahooSource } from '../../sources/yahoo';
import { KEEP_DAYS, type TaskContext } from '../context';
import { isDue, lastClosedUsSession } from '../due';

export const RUSSELL_SOURCES = [yahooSource(RUT_SYMBOL)];

/** Russell 2000 closes from Yahoo (query1, then query2): ten years when cold, the last month after. */
export async function refreshRussell(ctx: TaskContext): Promise<void> {
  const cached = ctx.cache.macro.rut?.[RUSSELL_SOURCES[0]!];
  if (!isDue(cached, lastClosedUsSession(ctx.now), ctx.now)) return;
  const r = await ctx.gate.call('yahoo', (o) => fetchYahooDaily(o.fetch, { ...o, mode: cached ? 'update' : 'cold' }));
  if (r.ok && r.value.series.points.length > 0) storeMacro(ctx.cache, 'rut', 'yahoo', r.value.series, ctx.now, KEEP_DAYS.rut);
}
