/**
 * CoinGecko (SIGNALS.md §6): the universe (`/coins/markets`, plus one call per exclusion category),
 * current BTC dominance and TOTAL3 (`/global`), and daily closes for coins not on Binance
 * (`/coins/{id}/market_chart`, keyless history capped at 365 days).
 */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { toDay } from '../series/dates';
import type { Day, Point, Series } from '../series/types';
import { EXCLUDED_CATEGORIES } from '../settings/exclusions';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import {
  futureError,
  nonNegativeNumber,
  positiveNumber,
  sharePercent,
  snapshot,
  timestampMs,
  toSeries,
  validate,
  type Snapshot,
} from './parse';
import { fail, ok, schemaError, withContext, type Result } from '../core/result';

export const COINGECKO_BASE = 'https://api.coingecko.com/api/v3';
/** Categories whose members never count as altcoins (SIGNALS.md §3, §6). */
export const COINGECKO_EXCLUDED_CATEGORIES = EXCLUDED_CATEGORIES.coingecko;
export const COINGECKO_MAX_DAYS = 365;
export const COINGECKO_DOMINANCE_SOURCE = 'CoinGecko BTC dominance';
export const COINGECKO_TOTAL3_SOURCE = 'CoinGecko TOTAL3';
export const COINGECKO_CLOSES_SOURCE = 'CoinGecko closes';
export const COINGECKO_MARKET_CAPS_SOURCE = 'CoinGecko market caps';
const LABEL = 'CoinGecko';

// ---------- /coins/markets ----------

export interface MarketCoin {
  /** CoinGecko id, e.g. `bitcoin`. */
  id: string;
  /** Upper-cased ticker, e.g. `BTC` (not unique across coins). */
  symbol: string;
  name: string;
  /** Absent when CoinGecko does not know it (it sends null or 0): never 0. */
  marketCap?: number;
  rank?: number;
  price?: number;
}

export function coingeckoMarketsUrl(o: { page?: number; perPage?: number; category?: string } = {}): string {
  const perPage = Math.min(250, Math.max(1, Math.floor(o.perPage ?? 250)));
  const page = Math.max(1, Math.floor(o.page ?? 1));
  const category = o.category ? `&category=${encodeURIComponent(o.category)}` : '';
  const query = `vs_currency=usd&order=market_cap_desc&per_page=${perPage}&page=${page}${category}`;
  return `${COINGECKO_BASE}/coins/markets?${query}`;
}

const Market = v.array(
  v.looseObject({
    id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
    symbol: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
    name: v.string(),
    market_cap: v.nullish(nonNegativeNumber),
    market_cap_rank: v.nullish(v.pipe(v.number(), v.integer('must be a whole rank'), v.minValue(1, 'must be ≥ 1'))),
    current_price: v.nullish(nonNegativeNumber),
  }),
  'must be an array of coins',
);

export function parseCoingeckoMarkets(json: unknown): Result<MarketCoin[]> {
  const rows = validate(Market, json, LABEL);
  if (!rows.ok) return rows;
  return ok(
    rows.value.map((r) => {
      const coin: MarketCoin = { id: r.id, symbol: r.symbol.toUpperCase(), name: r.name };
      if (r.market_cap) coin.marketCap = r.market_cap; // null and 0 both mean "unknown"
      if (r.market_cap_rank != null) coin.rank = r.market_cap_rank;
      if (r.current_price) coin.price = r.current_price;
      return coin;
    }),
  );
}

export function fetchCoingeckoMarkets(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { page?: number; perPage?: number; category?: string },
): Promise<Result<MarketCoin[]>> {
  return fetchParsed(fetchFn, [coingeckoMarketsUrl(o)], o, LABEL, parseCoingeckoMarkets);
}

/** Coin id → the exclusion categories it was found in (for "what was excluded and why"). */
export type ExcludedIds = Record<string, string[]>;

export function mergeExcluded(
  byCategory: ReadonlyArray<readonly [category: string, coins: readonly MarketCoin[]]>,
): ExcludedIds {
  const out: ExcludedIds = {};
  for (const [category, coins] of byCategory) {
    for (const c of coins) {
      const cats = (out[c.id] ??= []);
      if (!cats.includes(category)) cats.push(category);
    }
  }
  return out;
}

/**
 * One `/coins/markets?category=…` call per category, one after the other (keyless limits are
 * 5–30 calls/min; pace them with the cooldown). The first page (top 250 by market cap) of each
 * category is enough: the universe is the top 50–100 overall. Any failed category fails the whole
 * set, because a partial list would silently let a stablecoin into the universe.
 */
export async function fetchCoingeckoExcludedIds(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { categories?: readonly string[] },
): Promise<Result<ExcludedIds>> {
  const lists: Array<readonly [string, MarketCoin[]]> = [];
  for (const category of o.categories ?? COINGECKO_EXCLUDED_CATEGORIES) {
    const r = await fetchCoingeckoMarkets(fetchFn, { ...o, category, page: 1, perPage: 250 });
    if (!r.ok) return fail(withContext(r.error, `category ${category}`));
    lists.push([category, r.value]);
  }
  return ok(mergeExcluded(lists));
}

// ---------- /global ----------

export interface CoingeckoGlobal {
  /** Epoch ms of CoinGecko's `updated_at` (or `now` when absent). */
  at: number;
  date: Day;
  btcDominance: number;
  ethDominance: number;
  totalMarketCapUsd: number;
  /** total × (1 − (btc + eth) / 100): the market cap without BTC and ETH. */
  total3Usd: number;
}

export const COINGECKO_GLOBAL_URL = `${COINGECKO_BASE}/global`;

const Global = v.looseObject({
  data: v.looseObject({
    total_market_cap: v.looseObject({ usd: positiveNumber }),
    market_cap_percentage: v.looseObject({ btc: sharePercent, eth: sharePercent }),
    updated_at: v.optional(timestampMs),
  }),
});

export function parseCoingeckoGlobal(json: unknown, o: { now: number }): Result<CoingeckoGlobal> {
  const g = validate(Global, json, LABEL);
  if (!g.ok) return g;
  const d = g.value.data;
  const { btc, eth } = d.market_cap_percentage;
  // At 100 the cap without BTC and ETH (TOTAL3) would be 0: not a reading either.
  if (btc + eth >= 100)
    return fail(
      schemaError(
        'data.market_cap_percentage',
        `${LABEL}: btc + eth dominance is ${+(btc + eth).toFixed(2)}, must be below 100`,
      ),
    );
  const at = d.updated_at ?? o.now;
  const future = futureError(at, o.now, 'data.updated_at', LABEL);
  if (future) return fail(future);
  const total = d.total_market_cap.usd;
  return ok({
    at,
    date: toDay(at),
    btcDominance: btc,
    ethDominance: eth,
    totalMarketCapUsd: total,
    total3Usd: total * (1 - (btc + eth) / 100),
  });
}

export function coingeckoDominanceSnapshot(g: CoingeckoGlobal): Snapshot {
  return snapshot(g.btcDominance, g.at, COINGECKO_DOMINANCE_SOURCE);
}

export function coingeckoTotal3Snapshot(g: CoingeckoGlobal): Snapshot {
  return snapshot(g.total3Usd, g.at, COINGECKO_TOTAL3_SOURCE);
}

export function fetchCoingeckoGlobal(fetchFn: FetchFn, o: SourceFetchOptions): Promise<Result<CoingeckoGlobal>> {
  return fetchParsed(fetchFn, [COINGECKO_GLOBAL_URL], o, LABEL, (json) => parseCoingeckoGlobal(json, o));
}

// ---------- /coins/{id}/market_chart ----------

export function coingeckoMarketChartUrl(id: string, days: number): string {
  const d = Math.min(COINGECKO_MAX_DAYS, Math.max(1, Math.floor(days)));
  return `${COINGECKO_BASE}/coins/${encodeURIComponent(id)}/market_chart?vs_currency=usd&days=${d}&interval=daily`;
}

const MarketChart = v.looseObject({
  prices: v.array(v.tuple([timestampMs, v.nullable(positiveNumber)])),
  market_caps: v.optional(v.array(v.tuple([timestampMs, v.nullable(nonNegativeNumber)]))),
});

export interface CoingeckoChart {
  closes: Series;
  /** Days where CoinGecko gave a cap of 0 or null are absent (unknown). */
  marketCaps: Series;
}

/**
 * Day rule: CoinGecko's daily points are snapshots at 00:00 UTC, i.e. the close of the day before,
 * so a point is dated by the UTC day of (timestamp − 1 ms). That lines them up with Binance closes.
 * The last point is the live price (not at midnight); it falls on today, which has not closed, and
 * is dropped like any point dated today or later.
 */
export function parseCoingeckoMarketChart(json: unknown, o: { now: number; id: string }): Result<CoingeckoChart> {
  const label = `${LABEL} ${o.id}`;
  const c = validate(MarketChart, json, label);
  if (!c.ok) return c;
  const today = toDay(o.now);
  const collect = (rows: ReadonlyArray<readonly [number, number | null]>, field: string): Result<Point[]> => {
    const out: Point[] = [];
    for (let i = 0; i < rows.length; i++) {
      const [ms, value] = rows[i]!;
      const future = futureError(ms, o.now, `${field}.${i}.0`, label);
      if (future) return fail(future);
      const date = toDay(ms - 1);
      if (value === null || value === 0 || date >= today) continue;
      out.push({ date, value });
    }
    return ok(out);
  };
  const prices = collect(c.value.prices, 'prices');
  if (!prices.ok) return prices;
  const caps = collect(c.value.market_caps ?? [], 'market_caps');
  if (!caps.ok) return caps;
  return ok({
    closes: toSeries(prices.value, COINGECKO_CLOSES_SOURCE),
    marketCaps: toSeries(caps.value, COINGECKO_MARKET_CAPS_SOURCE),
  });
}

export function fetchCoingeckoMarketChart(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { id: string; days: number },
): Promise<Result<CoingeckoChart>> {
  return fetchParsed(fetchFn, [coingeckoMarketChartUrl(o.id, o.days)], o, `${LABEL} ${o.id}`, (json) =>
    parseCoingeckoMarketChart(json, o),
  );
}
