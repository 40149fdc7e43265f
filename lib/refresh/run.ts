/**
 * The refresh, provider → cache → engine → snapshot: each signal's fallback chain (lib/cache/chains.ts) fetches
 * what is due into the caches, the engine evaluates today from them, and the snapshot built from that is what
 * the worker stores, in one write with the caches, and every view reads.
 */
import { CHAINS, type Chain, type ServedKey } from '../cache/chains';
import { emptySeriesCache, type SeriesCache, type UniverseSnapshot } from '../cache/series-cache';
import { engineSeries } from '../cache/series-set';
import { createHostLimiter } from '../net/limit';
import { COINGECKO_BUDGET } from '../net/budget';
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
import { runChain } from './chain';
import { dominanceAsks } from './tasks/dominance';
import { dropLegacyDerivedEthBtc, ethBtcAsks } from './tasks/ethbtc';
import { refreshEtfFlows } from './tasks/etf-flows';
import { fearGreedAsks } from './tasks/fear-greed';
import { lazyGlobal } from './tasks/global';
import { refreshCoinCloses } from './tasks/coins';
import { refreshCrossCheck } from './tasks/cross-check';
import { russellAsks } from './tasks/russell';
import { total3Asks } from './tasks/total3';
import { latestUniverse, refreshUniverse } from './tasks/universe';

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

/** A first install's state: nothing cached, recorded or remembered yet. */
export function emptyRefreshState(settings: Settings): RefreshState {
  return { settings, cache: emptySeriesCache(), universes: {}, meta: emptyMeta(), providerState: {}, previous: null };
}

/** What the next refresh reads once `r` was saved (the worker stores exactly these parts). */
export function nextRefreshState(r: RefreshResult, settings: Settings): RefreshState {
  return {
    settings,
    cache: r.cache,
    universes: r.universes,
    meta: r.meta,
    providerState: r.providerState,
    previous: r.snapshot,
  };
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
    { coingecko: COINGECKO_BUDGET },
    state.meta.sentCalls ?? {},
  );
  const ctx: TaskContext = {
    gate,
    now: deps.now(),
    settings: state.settings,
    cache: structuredClone(state.cache),
    universes: structuredClone(state.universes),
    meta: { ...emptyMeta(), ...structuredClone(state.meta) },
    pending: [],
  };
  const global = lazyGlobal(ctx);
  await Promise.all([
    runChain(ctx, 'rut', russellAsks()),
    runChain(ctx, 'fearGreed', fearGreedAsks()),
    runChain(ctx, 'btcDominance', dominanceAsks(global)),
    runChain(ctx, 'total3', total3Asks(global)),
    refreshCrossCheck(ctx),
    refreshEtfFlows(ctx),
    (async () => {
      await refreshUniverse(ctx);
      await refreshCoinCloses(ctx);
      dropLegacyDerivedEthBtc(ctx.cache);
      await runChain(ctx, 'ethbtc', ethBtcAsks());
    })(),
  ]);
  ctx.meta.sentCalls = gate.sent;
  const partial = partialRefresh(ctx, gate, deps.now());
  if (partial) ctx.meta.partial = partial;
  else delete ctx.meta.partial;
  const set = engineSeries(ctx.cache, ctx.universes, state.settings, toDay(deps.now()));
  const stored = { cache: ctx.cache, universes: ctx.universes, meta: ctx.meta, providerState: gate.cooldowns };
  if (Object.keys(set).length === 0 && state.previous) {
    // Nothing cached and nothing fetched: the previous snapshot is the last good one. Keep its data,
    // report the sources' new status.
    return { ...stored, snapshot: { ...state.previous, sources: gate.status }, change: null, kept: true };
  }
  const { snapshot, change } = buildSnapshot({
    set,
    settings: state.settings,
    now: deps.now(),
    hysteresis: state.previous?.hysteresis ?? (EMPTY_HYSTERESIS as HysteresisState),
    sources: gate.status,
    served: servedFrom(ctx.cache, set, ctx.universes, ctx.meta),
    crossCheck: ctx.meta.crossCheck,
    etfFlowsError: ctx.meta.etfFlowsError ?? null,
  });
  return { ...stored, snapshot, change };
}

/** The soonest a partial refresh is followed by another (browsers do not fire alarms sooner than 30 s). */
export const RETRY_MIN_MS = 60_000;

/**
 * What this refresh could not fetch for a reason that passes, and when to ask again: as soon as the
 * first provider those items wait for may be asked (its Retry-After, cooldown or call budget), at least
 * a minute on. Null for a complete refresh.
 */
export function partialRefresh(ctx: TaskContext, gate: ProviderGate, now: number): RefreshMeta['partial'] | null {
  if (ctx.pending.length === 0) return null;
  const providers = [...new Set(ctx.pending.map((p) => p.provider))];
  const first = Math.min(...providers.map((p) => gate.nextAllowed(p)));
  return { missing: ctx.pending.map((p) => p.item).sort(), retryAt: Math.max(now + RETRY_MIN_MS, first) };
}

/**
 * Which provider and fetch time each evaluated series came from (shown as the signal's source and
 * age), and who served the universe and the cross-check, for every chain in the table's order.
 * Universes stored before their provider was recorded name none, and are left out rather than guessed.
 */
export function servedFrom(
  cache: SeriesCache,
  set: SeriesSet,
  universes: Record<Day, UniverseSnapshot>,
  meta: RefreshMeta,
): Snapshot['served'] {
  const u = latestUniverse(universes);
  // Who served the chains with their own caches: the BTC closes, the latest universe, the cross-check.
  const ownCache: Snapshot['served'] = {
    coins: cache.coins.BTC,
    universe: u?.provider && u.fetchedAt !== undefined ? { provider: u.provider, fetchedAt: u.fetchedAt } : undefined,
    crossCheck:
      meta.crossCheck && meta.crossCheckServedAt !== undefined
        ? { provider: CHAINS.crossCheck.links[0]!.provider, fetchedAt: meta.crossCheckServedAt }
        : undefined,
  };
  const served: Snapshot['served'] = {};
  for (const [key, { macro }] of Object.entries(CHAINS) as [ServedKey, Chain][]) {
    // A series completed by derived days (ETH/BTC) names its observed source apart.
    const src = macro && (set[macro]?.derived ? set[macro]!.derived!.observed : set[macro]?.source);
    const used = macro ? src && cache.macro[macro]?.[src] : ownCache[key];
    if (used) served[key] = { provider: used.provider, fetchedAt: used.fetchedAt };
  }
  return served;
}
