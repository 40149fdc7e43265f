import { isReadableCache, type SeriesCache, type UniverseSnapshot } from '../cache/series-cache';
import { engineSeries } from '../cache/series-set';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { buildChartData, type ChartData } from './build';

/**
 * Chart data from the stored caches, the way the engine reads them (same source preference, universe
 * snapshots as per-day market caps). Returns null when the cache is unreadable: the popup then keeps
 * the snapshot's sparklines rather than drawing an empty or zeroed chart.
 */
export function chartDataFromCache(
  cache: SeriesCache | null | undefined,
  universes: Record<Day, UniverseSnapshot> | null | undefined,
  settings: Settings,
  today: Day,
): ChartData | null {
  if (!isReadableCache(cache)) return null;
  return buildChartData(engineSeries(cache, universes, settings, today), settings, today);
}
