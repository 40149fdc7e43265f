import type { SeriesCache, UniverseSnapshot } from '../cache/series-cache';
import { seriesFromCache } from '../evidence/from-cache';
import { updateLiveLog } from '../evidence/live-log';
import { toDay } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import { evidenceLogItem } from './items';

/**
 * After a refresh: the Evidence tab's forward log gets the events the new snapshot shows and the
 * outcomes now due (lib/evidence/live-log.ts). Stored only when it changed; a failure is logged and
 * never fails the refresh.
 */
export async function logEvidence(
  x: {
    previous: Snapshot | null;
    next: Snapshot | null;
    cache: SeriesCache;
    universes: Record<Day, UniverseSnapshot>;
    settings: Settings;
    now: number;
  },
  log: (msg: string) => void,
): Promise<void> {
  try {
    const raw = await evidenceLogItem.getValue();
    const today = x.next?.evaluation.today ?? toDay(x.now);
    const next = updateLiveLog(raw, {
      previous: x.previous,
      next: x.next,
      series: () => seriesFromCache(x.cache, x.universes, x.settings, today),
      settings: x.settings,
      now: x.now,
    });
    if (JSON.stringify(next) !== JSON.stringify(raw)) await evidenceLogItem.setValue(next);
  } catch (e) {
    log(`Regime Lens: evidence log not updated: ${String((e as Error)?.message ?? e)}`);
  }
}
