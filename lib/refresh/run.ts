import {
  sourceFreshness,
  toSeriesSet,
  type MacroKey,
  type SeriesCache,
  type UniverseSnapshot,
} from '../cache/series-cache';
import { createHostLimiter } from '../net/limit';
import type { FetchFn } from '../net/http';
import type { HysteresisState } from '../phase/hysteresis';
import { EMPTY_HYSTERESIS } from '../phase/hysteresis';
import { toDay } from '../series/dates';
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { buildSnapshot } from '../snapshot/build';
import type { PhaseLogEntry, Snapshot } from '../snapshot/types';
import { emptyMeta, type RefreshMeta, type TaskContext } from './context';
import { ProviderGate } from './gate';
import { DOMINANCE_SOURCES, refreshDominance } from './tasks/dominance';
import { ETHBTC_SOURCES, refreshEthBtc } from './tasks/ethbtc';
import { FEAR_GREED_SOURCES, refreshFearGreed } from './tasks/fear-greed';
import { lazyGlobal } from './tasks/global';
import { refreshCoinCloses } from './tasks/coins';
import { refreshCrossCheck } from './tasks/cross-check';
import { RUSSELL_SOURCES, refreshRussell } from './tasks/russell';
import { refreshTotal3, TOTAL3_SOURCES } from './tasks/total3';
import { latestUniverse, refreshUniverse } from './tasks/universe';

/** The fallback chain order of every macro series (primary first), used to pick what the engine reads. */
export const PREFERENCE: Record<MacroKey, readonly string[]> = {
  rut: RUSSELL_SOURCES,
  btcDominance: DOMINANCE_SOURCES,
  ethbtc: ETHBTC_SOURCES,
  fearGreed: FEAR_GREED_SOURCES,
  total3: TOTAL3_SOURCES,
};

const SERVED_KEY = {
  rut: 'russell',
  btcDominance: 'dominance',
  ethbtc: 'ethbtc',
  fearGreed: 'fearGreed',
  total3: 'total3',
} as const;

/** A refresh must finish inside this much worker time (MV3 may stop a worker that is busy too long). */
export const REFRESH_BUDGET_MS = 25_000;

/** Everything a refresh reads. */
export interface RefreshState {
  settings: Settings;
  cache: SeriesCache;
  universes: Record<Day, UniverseSnapshot>;
  meta: RefreshMeta;
  providerState: Record<string, unknown>;
  previous: Snapshot | null;
}

/** Everything a refresh writes; the caller stores it in one write so no half of it can be lost. */
export interface RefreshResult {
  cache: SeriesCache;
  universes: Record<Day, UniverseSnapshot>;
  meta: RefreshMeta;
  providerState: Record<string, unknown>;
  snapshot: Snapshot;
  change: PhaseLogEntry | null;
  /** The previous snapshot was kept (nothing to evaluate): its day's log entry stands as it is. */
  kept?: true;
}

export interface RefreshDeps {
  fetch: FetchFn;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  budgetMs?: number;
}

/**
 * One refresh: fetch what is due (each signal along its fallback chain), merge it into the caches,
 * evaluate today and build the snapshot. Never throws for a provider's failure: failed sources are
 * recorded in the snapshot, and the signals keep their last good data with its age.
 */
export async function runRefresh(state: RefreshState, deps: RefreshDeps): Promise<RefreshResult> {
  const gate = new ProviderGate(
    deps.fetch,
    createHostLimiter(),
    deps.now,
    state.providerState,
    state.previous?.sources ?? {},
    { ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) },
    // One signal per call (not one shared by all), so no signal collects dozens of listeners.
    performance.now() + (deps.budgetMs ?? REFRESH_BUDGET_MS),
  );
  const ctx: TaskContext = {
    gate,
    now: deps.now(),
    settings: state.settings,
    cache: structuredClone(state.cache),
    universes: structuredClone(state.universes),
    meta: { ...emptyMeta(), ...structuredClone(state.meta) },
  };
  const global = lazyGlobal(ctx);
  await Promise.all([
    refreshRussell(ctx),
    refreshFearGreed(ctx),
    refreshDominance(ctx, global),
    refreshTotal3(ctx, global),
    refreshCrossCheck(ctx),
    (async () => {
      await refreshUniverse(ctx);
      await refreshCoinCloses(ctx);
      await refreshEthBtc(ctx);
    })(),
  ]);
  const set = toSeriesSet(ctx.cache, ctx.universes, PREFERENCE, sourceFreshness(state.settings, toDay(deps.now())));
  if (Object.keys(set).length === 0 && state.previous) {
    // Nothing cached and nothing fetched: the previous snapshot is the last good one. Keep its data,
    // report the sources' new status.
    const snapshot: Snapshot = { ...state.previous, sources: gate.status };
    return {
      cache: ctx.cache,
      universes: ctx.universes,
      meta: ctx.meta,
      providerState: gate.cooldowns,
      snapshot,
      change: null,
      kept: true,
    };
  }
  const { snapshot, change } = buildSnapshot({
    set,
    settings: state.settings,
    now: deps.now(),
    hysteresis: state.previous?.hysteresis ?? (EMPTY_HYSTERESIS as HysteresisState),
    sources: gate.status,
    served: servedFrom(ctx.cache, set, ctx.universes, ctx.meta),
    crossCheck: ctx.meta.crossCheck,
  });
  return {
    cache: ctx.cache,
    universes: ctx.universes,
    meta: ctx.meta,
    providerState: gate.cooldowns,
    snapshot,
    change,
  };
}

/**
 * Which provider and fetch time each evaluated series came from (shown as the signal's source and
 * age), and who served the universe and the cross-check. Universes stored before their provider was
 * recorded name none, and are left out rather than guessed.
 */
export function servedFrom(
  cache: SeriesCache,
  set: SeriesSet,
  universes: Record<Day, UniverseSnapshot>,
  meta: RefreshMeta,
): Snapshot['served'] {
  const served: Snapshot['served'] = {};
  for (const key of Object.keys(PREFERENCE) as MacroKey[]) {
    // A series completed by derived days (ETH/BTC) names its observed source apart.
    const src = set[key]?.derived ? set[key]!.derived!.observed : set[key]?.source;
    const used = src && cache.macro[key]?.[src];
    if (used) served[SERVED_KEY[key]] = { provider: used.provider, fetchedAt: used.fetchedAt };
  }
  const btc = cache.coins.BTC;
  if (btc) served.coins = { provider: btc.provider, fetchedAt: btc.fetchedAt };
  const u = latestUniverse(universes);
  if (u?.provider && u.fetchedAt !== undefined) served.universe = { provider: u.provider, fetchedAt: u.fetchedAt };
  if (meta.crossCheck && meta.crossCheckServedAt !== undefined)
    served.crossCheck = { provider: 'cmc', fetchedAt: meta.crossCheckServedAt };
  return served;
}
