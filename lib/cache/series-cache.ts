import { addDays, daysBetween } from '../series/dates';
import { withDerivedEthBtc } from '../series/ethbtc';
import type { CoinSeries, Day, Point, Series, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { CompactSeries } from '../snapshot/types';

export const SERIES_CACHE_VERSION = 1;

/** One cached history with the provider that served it (one provider per series, SIGNALS.md §6). */
export interface CachedSeries {
  /** Provider id, e.g. `binance`, and the series' label, e.g. "Binance closes". */
  provider: string;
  source: string;
  points: CompactSeries;
  /** Last successful fetch (epoch ms). */
  fetchedAt: number;
}

export type MacroKey = 'rut' | 'btcDominance' | 'ethbtc' | 'fearGreed' | 'total3';

/**
 * Cached histories, updated incrementally by the worker. Each macro series is kept per source, because
 * providers define e.g. dominance differently: a fallback day never overwrites or mixes into the
 * primary's history, and none is lost when the primary comes back.
 */
export interface SeriesCache {
  version: typeof SERIES_CACHE_VERSION;
  macro: Partial<Record<MacroKey, Record<string, CachedSeries>>>;
  coins: Record<string, CachedSeries>;
}

/** One day's universe: the coins ranked by market cap that day, with the categories that excluded any. */
export interface UniverseSnapshot {
  coins: { symbol: string; marketCap: number; categories?: string[] }[];
  /** Who served the market caps and when (absent in snapshots stored before they were recorded). */
  provider?: string;
  fetchedAt?: number;
  /** No exclusion-tag source answered: the day's universe is taken again on a later refresh. */
  provisional?: true;
}

export const emptySeriesCache = (): SeriesCache => ({ version: SERIES_CACHE_VERSION, macro: {}, coins: {} });

/**
 * Merges freshly fetched points into a cached history: a fresh value replaces the cached one of the
 * same day (providers revise the last bar), the result stays ascending, and days older than
 * `keepDays` before the newest are dropped so storage stays bounded.
 */
export function mergePoints(cached: CompactSeries, fresh: readonly Point[], keepDays: number): CompactSeries {
  const byDay = new Map<Day, number>(cached);
  for (const p of fresh) byDay.set(p.date, p.value);
  const merged = [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const newest = merged[merged.length - 1]?.[0];
  if (!newest) return [];
  const cutoff = addDays(newest, -keepDays);
  return merged.filter(([d]) => d >= cutoff);
}

/** The last cached day, or null for an empty history: where an incremental fetch starts. */
export function lastDay(c: CachedSeries | undefined): Day | null {
  return c && c.points.length > 0 ? c.points[c.points.length - 1]![0] : null;
}

/** How old a series may be before a fallback may stand in for it: the signals' staleness rule. */
export interface SourceFreshness {
  today: Day;
  maxAgeDays: Record<MacroKey, number>;
}

export function sourceFreshness(settings: Settings, today: Day): SourceFreshness {
  const crypto = settings.staleness.cryptoMaxAgeDays;
  return {
    today,
    maxAgeDays: {
      rut: settings.staleness.russellMaxAgeDays,
      btcDominance: crypto,
      ethbtc: crypto,
      fearGreed: crypto,
      total3: crypto,
    },
  };
}

/** A cached series whose newest day is within `maxAgeDays` of `today` (not stale). */
export function isFresh(c: CachedSeries | undefined, today: Day, maxAgeDays: number): boolean {
  const last = lastDay(c);
  return last !== null && daysBetween(last, today) <= maxAgeDays;
}

/**
 * The series the engine should read for a signal: the first of `preference` (the fallback chain,
 * primary first) that is not stale, so a fallback's single current point never replaces the
 * primary's history while that history is current. When every series is stale (or no freshness is
 * given), the one with the newest data; on a tie the first in `preference`.
 */
export function pickSource(
  bySource: Record<string, CachedSeries> | undefined,
  preference: readonly string[],
  fresh?: { today: Day; maxAgeDays: number },
): CachedSeries | undefined {
  const all = Object.values(bySource ?? {}).filter((c) => c.points.length > 0);
  const rank = (c: CachedSeries) => {
    const i = preference.indexOf(c.source);
    return i < 0 ? preference.length : i;
  };
  if (fresh) {
    const current = all.filter((c) => isFresh(c, fresh.today, fresh.maxAgeDays)).sort((a, b) => rank(a) - rank(b));
    if (current[0]) return current[0];
  }
  all.sort((a, b) => {
    const la = lastDay(a)!;
    const lb = lastDay(b)!;
    return la === lb ? rank(a) - rank(b) : la < lb ? 1 : -1;
  });
  return all[0];
}

/** Stores fetched points: merged into the same source's history, never into another's. */
export function storeMacro(
  cache: SeriesCache,
  key: MacroKey,
  provider: string,
  series: Series,
  fetchedAt: number,
  keepDays: number,
): void {
  const bySource = (cache.macro[key] ??= {});
  const old = bySource[series.source];
  bySource[series.source] = {
    provider,
    source: series.source,
    points: mergePoints(old?.points ?? [], series.points, keepDays),
    fetchedAt,
  };
}

export function toSeries(c: CachedSeries): Series {
  return { source: c.source, points: c.points.map(([date, value]) => ({ date, value })) };
}

/**
 * The engine's input from the caches. Universe snapshots become per-day market caps, so the ASI of a
 * past day uses that day's universe wherever the extension recorded one. With `freshness`, each macro
 * signal reads its primary while that is not stale (see pickSource).
 */
export function toSeriesSet(
  cache: SeriesCache,
  universes: Record<Day, UniverseSnapshot>,
  preference: Partial<Record<MacroKey, readonly string[]>> = {},
  freshness?: SourceFreshness,
): SeriesSet {
  const set: SeriesSet = {};
  for (const k of Object.keys(cache.macro) as MacroKey[]) {
    const c = pickSource(
      cache.macro[k],
      preference[k] ?? [],
      freshness && { today: freshness.today, maxAgeDays: freshness.maxAgeDays[k] },
    );
    if (c) set[k] = toSeries(c);
  }
  const caps = new Map<string, Point[]>();
  const cats = new Map<string, string[]>();
  for (const day of Object.keys(universes).sort()) {
    for (const c of universes[day]!.coins) {
      const list = caps.get(c.symbol) ?? [];
      list.push({ date: day, value: c.marketCap });
      caps.set(c.symbol, list);
      if (c.categories?.length) cats.set(c.symbol, c.categories);
    }
  }
  const coins: Record<string, CoinSeries> = {};
  for (const [symbol, c] of Object.entries(cache.coins)) {
    const mc = caps.get(symbol);
    const categories = cats.get(symbol);
    coins[symbol] = {
      symbol,
      closes: toSeries(c),
      ...(mc ? { marketCaps: { source: 'universe snapshots', points: mc } } : {}),
      ...(categories ? { categories } : {}),
    };
  }
  // Coins of the universe without cached closes (excluded ones are never fetched) still enter the
  // engine, so "what was excluded and why" lists them.
  for (const [symbol, mc] of caps) {
    if (coins[symbol]) continue;
    const categories = cats.get(symbol);
    coins[symbol] = {
      symbol,
      closes: { source: 'no closes', points: [] },
      marketCaps: { source: 'universe snapshots', points: mc },
      ...(categories ? { categories } : {}),
    };
  }
  if (Object.keys(coins).length > 0) set.coins = coins;
  // ETH/BTC by the one rule (SIGNALS.md §2): ETH ÷ BTC of the cached closes where the pair has no close.
  return withDerivedEthBtc(set);
}
