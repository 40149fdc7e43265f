import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { emptySeriesCache, SERIES_CACHE_VERSION } from '../cache/series-cache';
import { emptyMeta, type RefreshMeta } from '../refresh/context';
import type { RefreshResult, RefreshState } from '../refresh/run';
import type { Settings } from '../settings/defaults';
import { settingsOrDefaults } from '../settings/validate';
import { logForDay } from '../snapshot/build';
import type { PhaseLogEntry, Snapshot } from '../snapshot/types';
import { snapshotProblem } from '../snapshot/validate';
import {
  phaseLogItem,
  providerStateItem,
  refreshMetaItem,
  seriesCacheItem,
  settingsItem,
  snapshotItem,
  universesItem,
} from './items';

/**
 * The stored settings, validated as a whole: invalid ones (e.g. a corrupt synced value) become the defaults, with a
 * logged reason.
 */
export async function loadSettings(log: (msg: string) => void = console.warn): Promise<Settings> {
  return settingsOrDefaults(await settingsItem.getValue(), log);
}

/** Reads everything a refresh needs; anything corrupt is discarded with a logged reason and rebuilt. */
export async function loadRefreshState(log: (msg: string) => void = console.warn): Promise<RefreshState> {
  const [settingsRaw, cacheRaw, universes, metaRaw, providerState, previousRaw] = await Promise.all([
    settingsItem.getValue(),
    seriesCacheItem.getValue(),
    universesItem.getValue(),
    refreshMetaItem.getValue(),
    providerStateItem.getValue(),
    snapshotItem.getValue(),
  ]);
  const settings = settingsOrDefaults(settingsRaw, log);
  let previous = previousRaw;
  const problem = previous === null ? null : snapshotProblem(previous);
  if (problem) {
    log(`Regime Lens: stored snapshot discarded (${problem}); rebuilding it`);
    previous = null;
  }
  let cache = cacheRaw;
  if (
    !cache ||
    cache.version !== SERIES_CACHE_VERSION ||
    typeof cache.coins !== 'object' ||
    typeof cache.macro !== 'object'
  ) {
    if (cacheRaw) log('Regime Lens: series cache unreadable; fetching histories again');
    cache = emptySeriesCache();
  }
  return {
    settings,
    cache,
    universes: universes && typeof universes === 'object' ? universes : {},
    meta: { ...emptyMeta(), ...(metaRaw as Partial<RefreshMeta>) },
    providerState: providerState ?? {},
    previous,
  };
}

/**
 * Stores a refresh's result in ONE storage write: caches, state and the snapshot land together, so a
 * worker killed at any moment leaves either the old set or the new one, never half of each.
 */
export async function saveRefreshResult(r: RefreshResult): Promise<void> {
  await saveWith(
    r.kept ? undefined : r.change,
    [
      { item: seriesCacheItem, value: r.cache },
      { item: universesItem, value: r.universes },
      { item: refreshMetaItem, value: r.meta },
      { item: providerStateItem, value: r.providerState },
    ],
    r.snapshot,
  );
}

/** Stores a re-evaluation (no new data): the snapshot and, when the stage changed, the log, in one write. */
export function saveEvaluation(snapshot: Snapshot, change: PhaseLogEntry | null): Promise<void> {
  return saveWith(change, [], snapshot);
}

/** `change` undefined: the snapshot was not evaluated again, the log is left alone. */
async function saveWith(
  change: PhaseLogEntry | null | undefined,
  items: { item: WxtStorageItem<any, any>; value: unknown }[],
  snapshot: Snapshot,
): Promise<void> {
  const stored = change === undefined ? [] : await phaseLogItem.getValue();
  const log =
    change === undefined ? null : logForDay(Array.isArray(stored) ? stored : [], snapshot.evaluation.today, change);
  await storage.setItems([
    ...items,
    ...(log ? [{ item: phaseLogItem, value: log }] : []),
    { item: snapshotItem, value: snapshot },
  ]);
}
