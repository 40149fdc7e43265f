import type { UniverseSnapshot } from '../../cache/series-cache';
import { fetchCmcListing, cmcExclusionTags, type CmcListingCoin } from '../../sources/cmc';
import {
  COINGECKO_EXCLUDED_CATEGORIES,
  fetchCoingeckoExcludedIds,
  fetchCoingeckoMarkets,
  type ExcludedIds,
} from '../../sources/coingecko';
import { addDays, toDay } from '../../series/dates';
import type { Day } from '../../series/types';
import { selectUniverse } from '../../signals/asi';
import { passes, type TaskContext } from '../context';
import { MIN_REFETCH_MS } from '../../cache/freshness';

/** Universe snapshots older than this are dropped (the ASI history charts go back a year). */
export const KEEP_UNIVERSE_DAYS = 400;

/** CoinGecko's exclusion categories are fetched again after this long (they change slowly). */
export const CATEGORIES_REFETCH_MS = 7 * 24 * 3_600_000;

/**
 * Records today's universe once per UTC day: market caps from CoinGecko (CoinMarketCap's listing when
 * it fails), exclusion tags from both CoinMarketCap's listing and CoinGecko's categories (cached for a
 * week). With no tag source at all the day's universe is provisional (tags carried over from the last
 * universe) and taken again 15 minutes later, so a stablecoin does not slip into the day's ASI.
 * Only the ranks that can matter are kept: the top N after exclusions, plus every excluded coin met on
 * the way, so "excluded and why" stays explainable.
 */
export async function refreshUniverse(ctx: TaskContext): Promise<void> {
  const today = toDay(ctx.now);
  const have = ctx.universes[today];
  if (have && !have.provisional) return;
  if (have && ctx.now - (have.fetchedAt ?? 0) < MIN_REFETCH_MS) {
    // Provisional, not due again yet: unless CoinGecko's category pages (spread over the call budget)
    // complete its tags now, in which case it is taken again at once.
    if (!ctx.meta.coingeckoExcluded) await refreshCoingeckoCategories(ctx);
    if (!ctx.meta.coingeckoExcluded) return;
  }
  const [cg, cmc] = await Promise.all([
    ctx.gate.call('coingecko', (o) => fetchCoingeckoMarkets(o.fetch, { ...o, page: 1, perPage: 250 })),
    ctx.gate.call('cmc', (o) => fetchCmcListing(o.fetch, { ...o, limit: 200 })),
  ]);
  // CoinMarketCap's listing carries the tags: CoinGecko's six category pages (of its 5 calls a minute)
  // are asked only when it did not answer.
  if (!cmc.ok) await refreshCoingeckoCategories(ctx);
  const tags = new Map<string, string[]>();
  if (cmc.ok) for (const c of cmc.value) if (!tags.has(c.symbol)) tags.set(c.symbol, cmcExclusionTags(c));

  let ranked: { symbol: string; marketCap: number; id?: string }[];
  let provider: string;
  if (cg.ok) {
    ranked = [];
    provider = 'coingecko';
    for (const c of cg.value) {
      if (c.marketCap === undefined) continue;
      // Tickers are not unique: the biggest coin with a symbol owns it (CoinGecko sorts by cap).
      if (!ranked.some((r) => r.symbol === c.symbol)) ctx.meta.coingeckoIds[c.symbol] = c.id;
      ranked.push({ symbol: c.symbol, marketCap: c.marketCap, id: c.id });
    }
  } else if (cmc.ok) {
    provider = 'cmc';
    ranked = cmc.value
      .filter((c): c is CmcListingCoin & { marketCap: number } => c.marketCap !== undefined)
      .map((c) => ({ symbol: c.symbol, marketCap: c.marketCap }));
  } else {
    ctx.pending.push({ item: 'universe', provider: passes(cg.error) ? 'coingecko' : 'cmc' });
    return;
  }
  const cgCats = ctx.meta.coingeckoExcluded?.byId;
  const provisional = !cmc.ok && !cgCats;
  if (provisional) ctx.pending.push({ item: 'universe tags', provider: 'cmc' });
  const carried = provisional ? lastCategories(ctx.universes, today) : new Map<string, string[]>();
  const seen = new Set<string>();
  const coins: UniverseSnapshot['coins'] = [];
  for (const r of ranked.sort((a, b) => b.marketCap - a.marketCap)) {
    if (seen.has(r.symbol)) continue;
    seen.add(r.symbol);
    const id = r.id ?? ctx.meta.coingeckoIds[r.symbol];
    const categories = [
      ...new Set([...(tags.get(r.symbol) ?? []), ...((id && cgCats?.[id]) || []), ...(carried.get(r.symbol) ?? [])]),
    ];
    coins.push({ symbol: r.symbol, marketCap: r.marketCap, ...(categories.length ? { categories } : {}) });
  }
  ctx.universes[today] = {
    coins: trimUniverse(coins, ctx),
    provider,
    fetchedAt: ctx.now,
    ...(provisional ? { provisional: true as const } : {}),
  };
  for (const day of Object.keys(ctx.universes))
    if (day < addDays(today, -KEEP_UNIVERSE_DAYS)) delete ctx.universes[day];
}

/**
 * CoinGecko's exclusion categories, fetched when missing or a week old, one page (request) per category.
 * Each page stands alone: one that fails or is deferred by the call budget is asked again at the next
 * refresh, the others are kept. The set is used once every page is in (a partial list could let a
 * stablecoin in; pages spread over a few refreshes then complete it).
 */
async function refreshCoingeckoCategories(ctx: TaskContext): Promise<void> {
  const have = ctx.meta.coingeckoExcluded;
  if (have && ctx.now - have.fetchedAt < CATEGORIES_REFETCH_MS) return;
  const pages = { ...ctx.meta.coingeckoPages };
  for (const category of COINGECKO_EXCLUDED_CATEGORIES) {
    const p = pages[category];
    if (p && ctx.now - p.fetchedAt < CATEGORIES_REFETCH_MS) continue;
    const r = await ctx.gate.call('coingecko', (o) =>
      fetchCoingeckoExcludedIds(o.fetch, { ...o, categories: [category] }),
    );
    if (r.ok) pages[category] = { fetchedAt: ctx.now, ids: Object.keys(r.value) };
    // Deferred by the budget or a cooldown: the rest would be refused too; the next refresh goes on.
    else if (r.error.kind === 'rate-limited') break;
  }
  const missing = COINGECKO_EXCLUDED_CATEGORIES.filter((c) => !pages[c]);
  if (missing.length > 0) {
    ctx.meta.coingeckoPages = pages;
    ctx.pending.push(...missing.map((c) => ({ item: `category ${c}`, provider: 'coingecko' as const })));
    return;
  }
  const byId: ExcludedIds = {};
  for (const c of COINGECKO_EXCLUDED_CATEGORIES) for (const id of pages[c]!.ids) (byId[id] ??= []).push(c);
  const fetchedAt = Math.min(...COINGECKO_EXCLUDED_CATEGORIES.map((c) => pages[c]!.fetchedAt));
  ctx.meta.coingeckoExcluded = { fetchedAt, byId };
  delete ctx.meta.coingeckoPages;
}

/** The categories of each symbol in the latest universe before `today`. */
function lastCategories(universes: Record<Day, UniverseSnapshot>, today: Day): Map<string, string[]> {
  const days = Object.keys(universes)
    .filter((d) => d < today)
    .sort();
  const u = days.length ? universes[days[days.length - 1]!] : undefined;
  return new Map((u?.coins ?? []).filter((c) => c.categories?.length).map((c) => [c.symbol, c.categories!]));
}

/** Keeps BTC, the top N after exclusions and the excluded coins ranked above the last of them. */
function trimUniverse(coins: UniverseSnapshot['coins'], ctx: TaskContext): UniverseSnapshot['coins'] {
  const s = ctx.settings.asi;
  const excluded = new Set(s.excludeSymbols);
  const cats = new Set(s.excludeCategories);
  const out: UniverseSnapshot['coins'] = [];
  let kept = 0;
  for (const c of coins) {
    if (kept >= s.topN) break;
    out.push(c);
    if (c.symbol !== 'BTC' && !excluded.has(c.symbol) && !c.categories?.some((x) => cats.has(x))) kept++;
  }
  return out;
}

/** The latest universe snapshot on or before today, if any. */
export function latestUniverse(universes: Record<Day, UniverseSnapshot>): UniverseSnapshot | undefined {
  const days = Object.keys(universes).sort();
  return days.length ? universes[days[days.length - 1]!] : undefined;
}

/** Symbols whose closes the ASI needs: BTC and the current top N after exclusions. */
export function wantedSymbols(ctx: TaskContext): string[] {
  const u = latestUniverse(ctx.universes);
  if (!u) return Object.keys(ctx.cache.coins).length ? Object.keys(ctx.cache.coins) : ['BTC', 'ETH'];
  const pseudo = Object.fromEntries(
    u.coins.map((c) => [
      c.symbol,
      {
        symbol: c.symbol,
        closes: { points: [], source: '' },
        marketCaps: { points: [{ date: '0000-01-01', value: c.marketCap }], source: '' },
        ...(c.categories ? { categories: c.categories } : {}),
      },
    ]),
  );
  const { universe } = selectUniverse(pseudo, '9999-12-31', ctx.settings.asi);
  return ['BTC', ...universe.map((c) => c.coin.symbol)];
}
