import { storage, type StorageItemKey, type WxtStorageItem, type WxtStorageItemOptions } from 'wxt/utils/storage';
import { emptyAlertState, type AlertState } from '../alerts/state';
import { emptySeriesCache, type SeriesCache, type UniverseSnapshot } from '../cache/series-cache';
import { emptyLiveLog, LIVE_LOG_VERSION, type LiveLog } from '../evidence/live-log-types';
import type { RefreshMeta } from '../refresh/context';
import type { Day } from '../series/types';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '../settings/defaults';
import { SETTINGS_MIGRATIONS } from '../settings/migrations';
import type { BadgePanelPart, BadgePill } from '../badge/view';
import type { StageHistory } from '../snapshot/stage-history';
import type { PhaseLogEntry, Snapshot } from '../snapshot/types';

/*
 * Every storage item of the extension, declared once. Storage is the data bus: the worker writes,
 * views read and watch. Each item is versioned; a shape change bumps its version and adds a
 * migration in ./migrations.ts (tested in test/unit/storage).
 */

/**
 * An item defined on first use. WXT's `defineItem` reads the item's stored value as soon as it is
 * defined; the popup imports this module for three small items, and defining all of them eagerly made
 * it read the 780 KB series cache before the snapshot, delaying its first paint by about 100 ms.
 *
 * Reads and watches need no definition: `getValue` gives what WXT's `getValue` gives (the stored value or the
 * fallback) without the definition's own read, and the reads asked for in one task go out as one `storage.get`
 * per area (batchedRead). An item with migrations is read with its version beside it, and only one stored at
 * another version goes through WXT's item (its migrations run first). The popup's first paint asked for four
 * items: nine storage round trips, the snapshot and the stage history each deserialized twice; now two.
 */
function lazyItem<T, M extends Record<string, unknown> = {}>(
  key: StorageItemKey,
  opts: WxtStorageItemOptions<T>,
): WxtStorageItem<T, M> {
  let item: WxtStorageItem<T, M> | undefined;
  const real = () => (item ??= storage.defineItem<T, M>(key, opts as never));
  const orFallback = (v: unknown) => (v ?? opts.fallback ?? null) as T;
  const light = {
    key,
    fallback: opts.fallback,
    getValue: async (): Promise<T> => {
      if (!opts.migrations) return orFallback(await batchedRead(key));
      const [v, meta] = await Promise.all([batchedRead(key), batchedRead(`${key}$`)]);
      // As WXT's migrate(): nothing stored, or stored at the current version, needs no migration.
      const at = (meta as { v?: unknown } | null)?.v ?? 1;
      return v == null || at === (opts.version ?? 1) ? orFallback(v) : real().getValue();
    },
    watch: (cb: (n: T, o: T) => void) => storage.watch<T>(key, (n, o) => cb(orFallback(n), orFallback(o))),
  };
  return new Proxy({} as WxtStorageItem<T, M>, {
    get(_, prop) {
      if (Object.hasOwn(light, prop)) return light[prop as keyof typeof light];
      const v = Reflect.get(real(), prop);
      return typeof v === 'function' ? v.bind(real()) : v;
    },
    // storage.getItems() tells items from plain keys by `"getValue" in key`.
    has: (_, prop) => Object.hasOwn(light, prop) || prop in real(),
  });
}

type Read = { key: StorageItemKey; resolve: (v: unknown) => void; reject: (e: unknown) => void };
let batch: Read[] | null = null;

/** The stored value of `key`; the reads asked for in the same task share one `storage.getItems` call. */
function batchedRead(key: StorageItemKey): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!batch) {
      const reads: Read[] = (batch = []);
      queueMicrotask(() => {
        batch = null;
        storage.getItems([...new Set(reads.map((r) => r.key))]).then(
          (got) => {
            const byKey = new Map(got.map(({ key: k, value }) => [k, value]));
            for (const r of reads) r.resolve(byKey.get(r.key));
          },
          (e) => reads.forEach((r) => r.reject(e)),
        );
      });
    }
    batch.push({ key, resolve, reject });
  });
}

/** User settings (synced across the user's browsers). */
export const settingsItem = lazyItem<Settings>('sync:settings', {
  fallback: defaultSettings(),
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/** Where the user dragged the badge, per site, and whether it is collapsed to a dot. */
export const badgeLayoutItem = lazyItem<Record<string, { x: number; y: number; collapsed: boolean }>>(
  'local:badgeLayout',
  {
    fallback: {},
    version: 1,
  },
);

/** The latest good snapshot; null before the first successful evaluation. */
export const snapshotItem = lazyItem<Snapshot | null>('local:snapshot', {
  fallback: null,
  // The snapshot carries its own shape version (SNAPSHOT_VERSION), checked on every read: one of an older shape
  // is derived data, refused (views show "No data") and built again by the refresh an update starts at once,
  // rather than converted by guessing fields it never had (a v1 "no setup" may have been unknown).
  version: 1,
});

/** Cached histories for incremental refreshes. */
export const seriesCacheItem = lazyItem<SeriesCache>('local:seriesCache', {
  fallback: emptySeriesCache(),
  version: 1,
});

/** One universe snapshot per day, so ASI history is survivorship-free from install on. */
export const universesItem = lazyItem<Record<Day, UniverseSnapshot>>('local:universes', {
  fallback: {},
  version: 1,
});

/** Bounded log of confirmed stage changes, newest last. */
export const phaseLogItem = lazyItem<PhaseLogEntry[]>('local:phaseLog', {
  fallback: [],
  version: 1,
});

/** Per-provider cooldown and circuit state: persisted so a killed worker does not forget a 429. */
export const providerStateItem = lazyItem<Record<string, unknown>>('local:providerState', {
  fallback: {},
  version: 1,
});

/** Refresh bookkeeping beside the caches: CoinGecko ids, symbols Binance does not list, the cross-check. */
export const refreshMetaItem = lazyItem<Partial<RefreshMeta>>('local:refreshMeta', {
  fallback: {},
  version: 1,
});

/** Bookkeeping of the refresh itself: when one started and ended, to detect one cut short. */
export const refreshStateItem = lazyItem<{
  startedAt: number | null;
  finishedAt: number | null;
  lastError: string | null;
}>('local:refreshState', { fallback: { startedAt: null, finishedAt: null, lastError: null }, version: 1 });

/**
 * What the alert detector last observed and which notifications it raised, so a killed worker never
 * raises one twice nor misses one. Read through normalizeAlertState (a corrupt value starts over silent).
 */
export const alertStateItem = lazyItem<AlertState>('local:alertState', {
  fallback: emptyAlertState(),
  version: 1,
});

/**
 * The Evidence tab's forward log: live events from install on and their outcomes as days pass
 * (lib/evidence/live-log.ts). Read through normalizeLiveLog (a corrupt value starts over empty).
 */
export const evidenceLogItem = lazyItem<LiveLog>('local:evidenceLog', {
  fallback: emptyLiveLog(),
  version: LIVE_LOG_VERSION,
});

/**
 * A year of daily stages (lib/snapshot/stage-history.ts), extended by the worker after each evaluation: the
 * badge's 30-day strip and the popup's ribbon. Its shape version is inside (`v`); another one is rebuilt.
 */
export const stageHistoryItem = lazyItem<StageHistory | null>('local:stageHistory', {
  fallback: null,
  version: 1,
});

/**
 * What the on-page badge shows, translated and formatted by the worker (lib/badge/view.ts): the content script
 * reads this one small item at every page load and paints it. Derived data: its shape version is inside (`v`),
 * another is rebuilt.
 */
export const badgeViewItem = lazyItem<BadgePill | null>('local:badgeView', {
  fallback: null,
  version: 1,
});

/**
 * The same view's panel part (its lines, reasons and coin table), written with the pill in one storage call and
 * read by the content script only when the user opens the panel. Derived data, versioned inside as the pill.
 */
export const badgePanelItem = lazyItem<BadgePanelPart | null>('local:badgePanel', {
  fallback: null,
  version: 1,
});
