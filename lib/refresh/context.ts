import type { SeriesCache, UniverseSnapshot } from '../cache/series-cache';
import type { Day } from '../series/types';
import type { ExcludedIds } from '../sources/coingecko';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import type { EmptyAnswer } from './empty-backoff';
import type { ProviderGate } from './gate';
import type { SourceError } from '../core/result';
import type { ProviderId } from '../sources/providers';

/** Bookkeeping the refresh keeps beside the caches (persisted with them). */
export interface RefreshMeta {
  /** CoinGecko ids by symbol, from the universe, for coins Binance does not list. */
  coingeckoIds: Record<string, string>;
  /** Symbols Binance answered "invalid symbol" for, and the day it did (asked again after 30 days). */
  notOnBinance: Record<string, Day>;
  /** Coins whose incremental request was answered without a new candle, by symbol (./empty-backoff.ts). */
  emptyAnswers: Record<string, EmptyAnswer>;
  /**
   * Coins CoinGecko refused by themselves (404 for a delisted id, 400), by symbol: asked again after 3 h, 6 h,
   * 12 h, then every 24 h, so they do not spend the keyless budget at every refresh (./empty-backoff.ts).
   * Absent in metas stored before it.
   */
  coingeckoRefused?: Record<string, EmptyAnswer>;
  /** CoinGecko's exclusion categories by coin id, refetched weekly (categories change slowly). */
  coingeckoExcluded: { fetchedAt: number; byId: ExcludedIds } | null;
  crossCheck: Snapshot['crossCheck'];
  crossCheckFetchedAt: number;
  /** When the cross-check last answered (crossCheckFetchedAt is the last attempt): its age in the sources tab. */
  crossCheckServedAt?: number;
  /** The last ETF flows request (epoch ms) and its error, null after an answer (./tasks/etf-flows.ts). */
  etfFlowsFetchedAt?: number;
  etfFlowsError?: { at: number; kind: string; message: string } | null;
  /**
   * CoinGecko's exclusion categories one page at a time, while the set is being completed (a failed or
   * deferred page is asked again at the next refresh; the pages already answered are kept).
   */
  coingeckoPages?: Record<string, { fetchedAt: number; ids: string[] }>;
  /** Send times of the recent requests of budgeted providers (lib/net/budget.ts), kept across a killed worker. */
  sentCalls?: Record<string, number[]>;
  /**
   * A partial refresh: what it could not fetch (asked again at the next refresh), and when that refresh
   * is due (a one-shot alarm sooner than the regular period). Absent after a complete refresh.
   */
  partial?: { missing: string[]; retryAt: number };
}

/** What every refresh task reads and updates (a working copy, saved once at the end). */
export interface TaskContext {
  gate: ProviderGate;
  now: number;
  settings: Settings;
  cache: SeriesCache;
  universes: Record<Day, UniverseSnapshot>;
  meta: RefreshMeta;
  /** What this refresh could not fetch for a reason that passes (a rate limit, a 5xx): asked again soon. */
  pending: Pending[];
}

/** An item a refresh could not fetch, and the provider it waits for. */
export interface Pending {
  item: string;
  provider: ProviderId;
}

/** A failure that passes (rate limit, budget, cooldown, 5xx, transport): the item is asked again soon. */
export function passes(e: SourceError): boolean {
  return (
    e.kind === 'rate-limited' || e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'http' && e.status >= 500)
  );
}

export const emptyMeta = (): RefreshMeta => ({
  coingeckoIds: {},
  notOnBinance: {},
  emptyAnswers: {},
  coingeckoExcluded: null,
  crossCheck: null,
  crossCheckFetchedAt: 0,
});

/**
 * How many days of each history are kept (enough for every window and the popup's charts). Coins: the default
 * 90-day ASI window plus the year of stage history and its 60-day warm-up (lib/refresh/tasks/coins.ts); a window
 * longer than about 175 days leaves fewer known days in that history.
 */
export const KEEP_DAYS = {
  rut: 4000,
  coins: 600,
  btcDominance: 4000,
  ethbtc: 800,
  fearGreed: 800,
  total3: 800,
  etfFlowsBtc: 800,
  etfFlowsEth: 800,
} as const;
