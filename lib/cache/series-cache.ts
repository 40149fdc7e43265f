/**
 * The series cache, between the providers and the engine: the refresh merges each answer into its own source's
 * history here (bounded, never mixed with another source's), the engine reads it back through series-set.ts along
 * the chains of chains.ts by the rules of freshness.ts. The worker stores it; the popup's charts read it too.
 */
import { addDays } from '../series/dates';
import type { Day, Point, Series } from '../series/types';
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

export type MacroKey = 'rut' | 'btcDominance' | 'ethbtc' | 'fearGreed' | 'total3' | 'etfFlowsBtc' | 'etfFlowsEth';

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

/** Whether a cache read from storage has the shape to be read at all (a view keeps what it shows otherwise). */
export function isReadableCache(c: SeriesCache | null | undefined): c is SeriesCache {
  return !!c && typeof c === 'object' && typeof c.macro === 'object' && typeof c.coins === 'object';
}

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
