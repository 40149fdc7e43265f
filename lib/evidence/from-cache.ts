import { isReadableCache, type SeriesCache, type UniverseSnapshot } from '../cache/series-cache';
import { engineSeries } from '../cache/series-set';
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { computeEvidence } from './compute';
import type { EvidenceResult } from './types';

/**
 * The caches as the engine reads them (one series per signal, by the refresh's preference), or null
 * when the cache is unreadable. Shared by the Evidence tab and the worker's forward log.
 */
export function seriesFromCache(
  cache: SeriesCache | null | undefined,
  universes: Record<Day, UniverseSnapshot> | null | undefined,
  settings: Settings,
  today: Day,
): SeriesSet | null {
  return isReadableCache(cache) ? engineSeries(cache, universes, settings, today) : null;
}

/**
 * The evidence from the stored caches, read the way the engine reads them. Null when the cache is
 * unreadable or holds no Russell closes: the tab then says so rather than showing empty statistics.
 */
export function evidenceFromCache(
  cache: SeriesCache | null | undefined,
  universes: Record<Day, UniverseSnapshot> | null | undefined,
  settings: Settings,
  today: Day,
): EvidenceResult | null {
  const set = seriesFromCache(cache, universes, settings, today);
  return set ? computeEvidence(set, settings, today) : null;
}
