import type { SeriesCache, UniverseSnapshot } from '../cache/series-cache';
import { seriesFromCache } from '../evidence/from-cache';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { extendStageHistory } from '../snapshot/stage-history';
import type { Snapshot } from '../snapshot/types';
import { stageHistoryItem } from './items';

/**
 * After an evaluation: the stored stage history is extended to the snapshot's day (one or two evaluations on
 * an ordinary day; a year's on the first one or after a settings change). A failure is logged and never
 * fails the refresh: the views then show the history they had.
 */
export async function recordStageHistory(
  x: { next: Snapshot | null; cache: SeriesCache; universes: Record<Day, UniverseSnapshot>; settings: Settings },
  log: (msg: string) => void,
): Promise<void> {
  const today = x.next?.evaluation.today;
  if (!today) return;
  try {
    const set = seriesFromCache(x.cache, x.universes, x.settings, today);
    if (!set) return;
    const { history } = extendStageHistory(await stageHistoryItem.getValue(), set, x.settings, today);
    await stageHistoryItem.setValue(history);
  } catch (e) {
    log(`Regime Lens: stage history not updated: ${String((e as Error)?.message ?? e)}`);
  }
}
