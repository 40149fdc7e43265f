/**
 * The one runner of the macro series' fallback chains (lib/cache/chains.ts): due → ask → store → fallback →
 * store. Each task file says only how its links are asked (the provider call and what counts as an answer).
 */
import { MACRO_CHAINS, type Link } from '../cache/chains';
import { expectedDay, fallbackDue, isDue, isFresh } from '../cache/freshness';
import { lastDay, storeMacro, type MacroKey } from '../cache/series-cache';
import { toDay } from '../series/dates';
import type { Day, Series } from '../series/types';
import type { Snapshot as CurrentValue } from '../sources/parse';
import type { Result } from '../core/result';
import { KEEP_DAYS, passes, type TaskContext } from './context';
import type { ProviderId } from '../sources/providers';
import type { CallOptions } from './gate';

/** What asking one link gets to work with. */
export interface Asking {
  /** A call to the link's provider, through the gate (cooldown, status, the refresh's time budget). */
  call<T>(run: (o: CallOptions) => Promise<Result<T>>): Promise<Result<T>>;
  /** The last day of this link's own cached series, or null: where an incremental request starts. */
  last: Day | null;
  /** The newest day the chain's providers can have now (its freshness rule). */
  expected: Day;
  now: number;
}

/** A link's answer: the series to store, and who served it when that is not the link's provider; null for none. */
export type Answer = { series: Series; provider?: string } | null;

/** How each link of one chain is asked, by the label of the series it fills. */
export type Asks = Record<string, (a: Asking) => Promise<Answer>>;

/**
 * Runs one macro series' chain. Due on the primary's own data: while a fallback serves the signal the primary
 * is still asked (the gate's cooldown paces it), so its history takes over again as soon as it answers. Each
 * answer is stored as its link's own series, never mixed into another's.
 */
export async function runChain(ctx: TaskContext, key: MacroKey, asks: Asks): Promise<void> {
  const chain = MACRO_CHAINS[key];
  const [primary, ...fallbacks] = chain.links;
  const expected = expectedDay(chain, ctx.now);
  if (!isDue(ctx.cache.macro[key]?.[primary.source], expected, ctx.now)) return;
  const maxAge = ctx.settings.staleness[chain.maxAge];
  // The first link that failed for a reason that passes (rate limit, 5xx): the series is asked again at
  // the next refresh, which a partial refresh brings forward.
  let waits: ProviderId | null = null;
  const failed = (p: ProviderId) => (waits ??= p);
  if (await answered(ctx, key, primary, asks, expected, failed)) return;
  for (const link of fallbacks) {
    if (!fallbackDue(ctx.cache.macro[key], primary.source, expected, ctx.now, maxAge)) continue;
    if (await answered(ctx, key, link, asks, expected, failed)) return;
  }
  // Only while no link's series is fresh: a fallback serving the signal is not a gap.
  const served = Object.values(ctx.cache.macro[key] ?? {}).some((c) => isFresh(c, toDay(ctx.now), maxAge));
  if (waits && !served) ctx.pending.push({ item: key, provider: waits });
}

async function answered(
  ctx: TaskContext,
  key: MacroKey,
  link: Link & { source: string },
  asks: Asks,
  expected: Day,
  failed: (p: ProviderId) => void,
): Promise<boolean> {
  const ask = asks[link.source];
  if (!ask) return false;
  const last = lastDay(ctx.cache.macro[key]?.[link.source]);
  const call = async <T>(run: (o: CallOptions) => Promise<Result<T>>): Promise<Result<T>> => {
    const r = await ctx.gate.call(link.provider, run);
    if (!r.ok && passes(r.error)) failed(link.provider);
    return r;
  };
  const a = await ask({ call, last, expected, now: ctx.now });
  if (!a) return false;
  storeMacro(ctx.cache, key, a.provider ?? link.provider, a.series, ctx.now, KEEP_DAYS[key]);
  return true;
}

/** Any answer, even one without points: storing it still records the fetch, which paces the next request. */
export const answer = (r: Result<Series>): Answer => (r.ok ? { series: r.value } : null);

/** An answer only with points: an empty history counts as none, and the next link may be asked. */
export const answerWithPoints = (r: Result<Series>): Answer => (r.ok && r.value.points.length > 0 ? answer(r) : null);

/** A current-only value as a one-point series, dated today at the latest (a provider's clock may run ahead). */
export function currentValue(r: Result<CurrentValue>, now: number): Answer {
  if (!r.ok) return null;
  const today = toDay(now);
  const v = r.value;
  return { series: { source: v.source, points: [{ date: v.date > today ? today : v.date, value: v.value }] } };
}
