import { CHAINS } from '../../cache/chains';
import { expectedDay } from '../../cache/freshness';
import { lastDay, storeMacro } from '../../cache/series-cache';
import { fetchCmcEtfNetflow } from '../../sources/cmc';
import type { Series } from '../../series/types';
import { KEEP_DAYS, type TaskContext } from '../context';

/**
 * After a request that brought no new session (not published yet, "system busy", a changed shape), the next
 * one waits this long: the flows come once a day, after the US session, so asking every 15 minutes gains
 * nothing and only spends CoinMarketCap's patience.
 */
export const ETF_RETRY_MS = 3 * 3_600_000;

/**
 * Due when the newest closed US session is not cached yet and the last request is at least ETF_RETRY_MS old:
 * once a day in practice (the session closes, the next refresh asks, the answer holds until the next close).
 */
export function etfFlowsDue(ctx: Pick<TaskContext, 'cache' | 'meta' | 'now'>): boolean {
  const expected = expectedDay(CHAINS.etfFlowsBtc, ctx.now);
  const last = lastDay(ctx.cache.macro.etfFlowsBtc?.[CHAINS.etfFlowsBtc.links[0]!.source!]);
  if (last !== null && last >= expected) return false;
  return ctx.now - (ctx.meta.etfFlowsFetchedAt ?? 0) >= ETF_RETRY_MS;
}

/**
 * US spot ETF net flows from CoinMarketCap, both assets from one request (SIGNALS.md §6). A failure leaves the
 * cached flows as they are (they go stale after their max age) and records a readable reason for the views;
 * no other signal depends on it, and its own provider id keeps its cooldown away from the other CMC series.
 */
export async function refreshEtfFlows(ctx: TaskContext): Promise<void> {
  if (!etfFlowsDue(ctx)) return;
  ctx.meta.etfFlowsFetchedAt = ctx.now;
  const chain = CHAINS.etfFlowsBtc;
  const r = await ctx.gate.call(chain.links[0]!.provider, (o) => fetchCmcEtfNetflow(o.fetch, o));
  if (!r.ok) {
    ctx.meta.etfFlowsError = { at: ctx.now, kind: r.error.kind, message: r.error.message };
    return;
  }
  ctx.meta.etfFlowsError = null;
  // Only closed sessions: a point for today's session may be a partial figure.
  const expected = expectedDay(chain, ctx.now);
  const closed = (s: Series): Series => ({ ...s, points: s.points.filter((p) => p.date <= expected) });
  storeMacro(ctx.cache, 'etfFlowsBtc', 'cmc-etf', closed(r.value.btc), ctx.now, KEEP_DAYS.etfFlowsBtc);
  storeMacro(ctx.cache, 'etfFlowsEth', 'cmc-etf', closed(r.value.eth), ctx.now, KEEP_DAYS.etfFlowsEth);
}
