import { isReadableCache, type SeriesCache, type UniverseSnapshot } from '../cache/series-cache';
import { engineSeries } from '../cache/series-set';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { computeEvidence } from './compute';
import type { EvidenceResult } from './types';

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
  if (!isReadableCache(cache)) return null;
  return computeEvidence(engineSeries(cache, universes, settings, today), settings, today);
}
