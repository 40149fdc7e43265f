import { CHAINS } from '../../cache/chains';
import { expectedDay, MIN_REFETCH_MS } from '../../cache/freshness';
import { fetchCmcAltcoinSeason } from '../../sources/cmc';
import type { TaskContext } from '../context';

/** CoinMarketCap's own altcoin-season value, once a day, shown beside ours and never mixed into it. */
export async function refreshCrossCheck(ctx: TaskContext): Promise<void> {
  const have = ctx.meta.crossCheck;
  const { crossCheck } = CHAINS;
  if (have && have.asOf >= expectedDay(crossCheck, ctx.now)) return;
  if (ctx.now - ctx.meta.crossCheckFetchedAt < MIN_REFETCH_MS) return;
  ctx.meta.crossCheckFetchedAt = ctx.now;
  const r = await ctx.gate.call(crossCheck.links[0]!.provider, (o) =>
    fetchCmcAltcoinSeason(o.fetch, { ...o, days: 7 }),
  );
  if (!r.ok) return;
  const last = r.value.points[r.value.points.length - 1];
  if (!last) return;
  ctx.meta.crossCheck = { cmcAsi: last.value, asOf: last.date };
  ctx.meta.crossCheckServedAt = ctx.now;
}
