import { sourceFreshness } from '../cache/freshness';
import type { MacroKey, SeriesCache, UniverseSnapshot } from '../cache/series-cache';
import { toSeriesSet } from '../cache/series-set';
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
  preference: Partial<Record<MacroKey, readonly string[]>> = {},
): EvidenceResult | null {
  if (!cache || typeof cache !== 'object' || typeof cache.macro !== 'object' || typeof cache.coins !== 'object')
    return null;
  const set = toSeriesSet(
    cache,
    universes && typeof universes === 'object' ? universes : {},
    preference,
    sourceFreshness(settings, today),
  );
  return computeEvidence(set, settings, today);
}
