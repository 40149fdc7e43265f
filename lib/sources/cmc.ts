/**
 * CoinMarketCap website data-api (SIGNALS.md §6). Undocumented and it has changed before, so every
 * response is validated: a missing or mistyped field is a `schema` error for this source, never a
 * crash and never a zero. Envelope: `{data, status: {error_code: "0", error_message}}`.
 *
 * Dates: the UTC day of each point's timestamp (seconds or ms, number or string). Chart endpoints end
 * with a live point ("now"); as the last point of today it becomes today's value (last one wins).
 */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { toDay } from '../series/dates';
import type { Point, Series } from '../series/types';
import { EXCLUDED_CATEGORIES } from '../settings/exclusions';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import {
  finiteNumber,
  futureError,
  nonNegativeNumber,
  percent,
  positiveNumber,
  sharePercent,
  timestampMs,
  toSeries,
  validate,
} from './parse';
import { fail, ok, oneLine, schemaError, type Result } from '../core/result';

export const CMC_BASE = 'https://api.coinmarketcap.com/data-api';
/** CMC tags that exclude a coin from the altcoin universe (SIGNALS.md §6). */
export const CMC_EXCLUDED_TAGS = EXCLUDED_CATEGORIES.cmc;

export const CMC_DOMINANCE_SOURCE = 'CoinMarketCap BTC dominance';
export const CMC_ETH_DOMINANCE_SOURCE = 'CoinMarketCap ETH dominance';
export const CMC_TOTAL3_SOURCE = 'CoinMarketCap TOTAL3';
export const CMC_ALTCOIN_SEASON_SOURCE = 'CoinMarketCap Altcoin Season Index';
/** Not the alternative.me index the signal uses: always shown under its own name. */
export const CMC_FEAR_GREED_SOURCE = 'CoinMarketCap Fear & Greed (CMC index, not alternative.me)';
/** US spot ETFs' net flow per session, US$ millions (converted from CMC's plain dollars). */
export const CMC_ETF_BTC_SOURCE = 'CoinMarketCap US spot BTC ETF net flows';
export const CMC_ETF_ETH_SOURCE = 'CoinMarketCap US spot ETH ETF net flows';
const LABEL = 'CoinMarketCap';
const ETF_LABEL = 'CoinMarketCap ETF flows';

// ---------- URLs ----------

export function cmcListingUrl(o: { start?: number; limit?: number } = {}): string {
  const start = Math.max(1, Math.floor(o.start ?? 1));
  const limit = Math.min(500, Math.max(1, Math.floor(o.limit ?? 200)));
  const query = `start=${start}&limit=${limit}&sortBy=market_cap&sortType=desc&convert=USD`;
  return `${CMC_BASE}/v3/cryptocurrency/listing?${query}`;
}

export const CMC_DOMINANCE_URL = `${CMC_BASE}/v3/global-metrics/dominance/chart?range=all`;

/** `range=1y` is daily; `range=all` is weekly. */
export function cmcTotal3Url(range: '30d' | '90d' | '1y' | 'all' = '1y'): string {
  return `${CMC_BASE}/v4/global-metrics/quotes/historical?convertId=2781&range=${range}`;
}

/** Both bounds are required by the endpoint (a 400 without them). Seconds. */
export function cmcAltcoinSeasonUrl(startMs: number, endMs: number): string {
  return `${CMC_BASE}/v3/altcoin-season/chart?start=${Math.floor(startMs / 1000)}&end=${Math.floor(endMs / 1000)}`;
}

export function cmcFearGreedUrl(startMs: number, endMs: number): string {
  return `${CMC_BASE}/v3/fear-greed/chart?start=${Math.floor(startMs / 1000)}&end=${Math.floor(endMs / 1000)}`;
}

/**
 * All US spot crypto ETFs (`category=all`: the BTC and ETH products, recorded 2025-07-14). Whether `category`
 * also takes `sol` or `xrp` is not shown by any recorded response, so it is not asked.
 */
export const CMC_ETF_NETFLOW_URL = `${CMC_BASE}/v3/etf/overview/netflow/chart?category=all&range=30d`;

// ---------- envelope ----------

const Status = v.optional(
  v.looseObject({
    error_code: v.optional(v.union([v.string(), v.number()])),
    error_message: v.nullish(v.string()),
  }),
);

/** `{data, status}` with `data` checked by `dataSchema`; a non-zero error_code is an error even with HTTP 200. */
function envelope<TOut>(json: unknown, dataSchema: v.GenericSchema<unknown, TOut>): Result<TOut> {
  const status = validate(v.looseObject({ status: Status }), json, LABEL);
  if (!status.ok) return status;
  const s = status.value.status;
  if (s?.error_code !== undefined && String(s.error_code) !== '0') {
    const code = Number(s.error_code);
    // "System busy" (HTTP 200, error_code 500): the provider is overloaded right now, like a 503; it passes
    // (a short backoff), unlike a changed envelope (a long one).
    if ((code >= 500 && code <= 599) || /busy/i.test(s.error_message ?? '')) {
      const why = s.error_message ? ` "${s.error_message}"` : '';
      return fail({
        kind: 'http',
        status: code >= 500 && code <= 599 ? code : 503,
        message: oneLine(`${LABEL}: API error ${s.error_code}${why} (HTTP 200)`),
      });
    }
    return fail(
      schemaError(
        'status.error_code',
        `${LABEL}: API error ${s.error_code}${s.error_message ? ` "${s.error_message}"` : ''}`,
      ),
    );
  }
  const body = validate(v.looseObject({ data: dataSchema }), json, LABEL);
  return body.ok ? ok(body.value.data as TOut) : body;
}

function pointsToSeries<P extends { timestamp: number }>(
  points: readonly P[],
  now: number,
  base: string,
  value: (p: P, i: number) => number | string,
  source: string,
): Result<Series> {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const future = futureError(p.timestamp, now, `${base}.${i}.timestamp`, LABEL);
    if (future) return fail(future);
    const val = value(p, i);
    if (typeof val === 'string') return fail(schemaError(`${base}.${i}`, `${LABEL}: ${base}.${i} ${val}`));
    out.push({ date: toDay(p.timestamp), value: val });
  }
  return ok(toSeries(out, source));
}

// ---------- listing ----------

export interface CmcListingCoin {
  id: number;
  symbol: string;
  name: string;
  slug: string;
  rank?: number;
  tags: string[];
  /** Absent when CMC sends 0 or null (unknown). */
  marketCap?: number;
  price?: number;
  /** Price change over 90 days, percent (≥ −100). Absent when unknown. */
  percentChange90d?: number;
}

const Quote = v.looseObject({
  name: v.string(),
  price: v.nullish(nonNegativeNumber),
  marketCap: v.nullish(nonNegativeNumber),
  percentChange90d: v.nullish(v.pipe(finiteNumber, v.minValue(-100, 'cannot fall more than 100%'))),
});

const Listing = v.looseObject({
  cryptoCurrencyList: v.array(
    v.looseObject({
      id: v.pipe(v.number(), v.integer()),
      name: v.string(),
      symbol: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
      slug: v.string(),
      cmcRank: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1))),
      tags: v.optional(v.array(v.string())),
      quotes: v.array(Quote),
    }),
  ),
});

export function parseCmcListing(json: unknown): Result<CmcListingCoin[]> {
  const d = envelope(json, Listing);
  if (!d.ok) return d;
  const out: CmcListingCoin[] = [];
  const list = d.value.cryptoCurrencyList;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const usd = c.quotes.find((q) => q.name === 'USD');
    if (!usd) return fail(schemaError(`data.cryptoCurrencyList.${i}.quotes`, `${LABEL}: no USD quote for ${c.symbol}`));
    const coin: CmcListingCoin = {
      id: c.id,
      symbol: c.symbol.toUpperCase(),
      name: c.name,
      slug: c.slug,
      tags: c.tags ?? [],
    };
    if (c.cmcRank != null) coin.rank = c.cmcRank;
    if (usd.marketCap) coin.marketCap = usd.marketCap;
    if (usd.price) coin.price = usd.price;
    if (usd.percentChange90d != null) coin.percentChange90d = usd.percentChange90d;
    out.push(coin);
  }
  return ok(out);
}

/** The exclusion tags a listed coin carries (empty when it counts as an altcoin candidate). */
export function cmcExclusionTags(coin: Pick<CmcListingCoin, 'tags'>): string[] {
  return CMC_EXCLUDED_TAGS.filter((t) => coin.tags.includes(t));
}

// ---------- dominance ----------

const Dominance = v.looseObject({
  points: v.array(
    v.looseObject({
      // Exactly [btc, eth, others]: a different layout would silently relabel the numbers.
      dominance: v.pipe(
        // BTC's share is never 0; ETH's is in the 2013 points, before ETH existed.
        v.strictTuple([sharePercent, percent, percent], 'must be [btc, eth, others]'),
        v.check((d) => Math.abs(d[0] + d[1] + d[2] - 100) <= 1, 'must add up to 100'),
      ),
      timestamp: timestampMs,
    }),
  ),
});

/** BTC (and ETH) dominance history, percent. */
export function parseCmcDominance(json: unknown, o: { now: number }): Result<{ btc: Series; eth: Series }> {
  const d = envelope(json, Dominance);
  if (!d.ok) return d;
  const pts = d.value.points;
  const btc = pointsToSeries(pts, o.now, 'data.points', (p) => p.dominance[0], CMC_DOMINANCE_SOURCE);
  if (!btc.ok) return btc;
  const eth = pointsToSeries(pts, o.now, 'data.points', (p) => p.dominance[1], CMC_ETH_DOMINANCE_SOURCE);
  if (!eth.ok) return eth;
  return ok({ btc: btc.value, eth: eth.value });
}

// ---------- TOTAL3 ----------

const Total = v.looseObject({
  points: v.array(
    v.looseObject({
      marketCap: positiveNumber,
      // 0 is an unknown cap: subtracting it would count BTC or ETH into TOTAL3.
      btcValue: positiveNumber,
      ethValue: positiveNumber,
      timestamp: timestampMs,
    }),
  ),
});

/** TOTAL3 = marketCap − btcValue − ethValue, USD. */
export function parseCmcTotal3(json: unknown, o: { now: number }): Result<Series> {
  const d = envelope(json, Total);
  if (!d.ok) return d;
  return pointsToSeries(
    d.value.points,
    o.now,
    'data.points',
    (p) => {
      const t = p.marketCap - p.btcValue - p.ethValue;
      return t > 0 ? t : 'marketCap − btcValue − ethValue is not positive';
    },
    CMC_TOTAL3_SOURCE,
  );
}

// ---------- altcoin season ----------

const AltSeason = v.looseObject({
  points: v.array(v.looseObject({ altcoinIndex: percent, timestamp: timestampMs })),
});

/** CMC's own Altcoin Season Index (top 100): shown beside ours, never mixed into it. */
export function parseCmcAltcoinSeason(json: unknown, o: { now: number }): Result<Series> {
  const d = envelope(json, AltSeason);
  if (!d.ok) return d;
  return pointsToSeries(d.value.points, o.now, 'data.points', (p) => p.altcoinIndex, CMC_ALTCOIN_SEASON_SOURCE);
}

// ---------- fear & greed ----------

const FearGreed = v.looseObject({
  dataList: v.array(v.looseObject({ score: percent, timestamp: timestampMs })),
});

/** CMC's Fear & Greed: a different index from alternative.me's, labelled as such. */
export function parseCmcFearGreed(json: unknown, o: { now: number }): Result<Series> {
  const d = envelope(json, FearGreed);
  if (!d.ok) return d;
  return pointsToSeries(d.value.dataList, o.now, 'data.dataList', (p) => p.score, CMC_FEAR_GREED_SOURCE);
}

// ---------- ETF net flows ----------

const EtfNetflow = v.looseObject({
  points: v.array(
    v.looseObject({
      // Net flows are signed; an asset's field may be absent (that asset is unknown that day, never 0).
      btcValue: v.optional(finiteNumber),
      ethValue: v.optional(finiteNumber),
      value: v.optional(finiteNumber),
      timestamp: timestampMs,
    }),
  ),
});

/**
 * The BTC and ETH products' net flow per session day, US$ millions. A point without `btcValue` (or `ethValue`)
 * leaves that asset's day out; a point with every field 0 is a closed market or a session not yet published
 * (CMC sends holidays so), so no asset gets a value from it. Which days are sessions is the signal's to decide.
 */
export function parseCmcEtfNetflow(json: unknown, o: { now: number }): Result<{ btc: Series; eth: Series }> {
  const d = envelope(json, EtfNetflow);
  if (!d.ok) return d;
  const btc: Point[] = [];
  const eth: Point[] = [];
  const pts = d.value.points;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const future = futureError(p.timestamp, o.now, `data.points.${i}.timestamp`, ETF_LABEL);
    if (future) return fail(future);
    if ((p.btcValue ?? 0) === 0 && (p.ethValue ?? 0) === 0 && (p.value ?? 0) === 0) continue;
    const date = toDay(p.timestamp);
    // Millions, like the normalized series (SIGNALS.md §2); rounded to the dollar against float noise.
    const m = (x: number) => Math.round(x) / 1e6;
    if (p.btcValue !== undefined) btc.push({ date, value: m(p.btcValue) });
    if (p.ethValue !== undefined) eth.push({ date, value: m(p.ethValue) });
  }
  return ok({ btc: toSeries(btc, CMC_ETF_BTC_SOURCE), eth: toSeries(eth, CMC_ETF_ETH_SOURCE) });
}

// ---------- fetchers ----------

export function fetchCmcListing(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { start?: number; limit?: number },
): Promise<Result<CmcListingCoin[]>> {
  return fetchParsed(fetchFn, [cmcListingUrl(o)], o, LABEL, parseCmcListing);
}

export function fetchCmcDominance(
  fetchFn: FetchFn,
  o: SourceFetchOptions,
): Promise<Result<{ btc: Series; eth: Series }>> {
  return fetchParsed(fetchFn, [CMC_DOMINANCE_URL], o, LABEL, (json) => parseCmcDominance(json, o));
}

export function fetchCmcTotal3(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { range?: '30d' | '90d' | '1y' | 'all' },
): Promise<Result<Series>> {
  return fetchParsed(fetchFn, [cmcTotal3Url(o.range)], o, LABEL, (json) => parseCmcTotal3(json, o));
}

/** Last `days` days of CMC's index (default 365). */
export function fetchCmcAltcoinSeason(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { days?: number },
): Promise<Result<Series>> {
  const url = cmcAltcoinSeasonUrl(o.now - (o.days ?? 365) * 86_400_000, o.now);
  return fetchParsed(fetchFn, [url], o, LABEL, (json) => parseCmcAltcoinSeason(json, o));
}

export function fetchCmcFearGreed(
  fetchFn: FetchFn,
  o: SourceFetchOptions & { days?: number },
): Promise<Result<Series>> {
  const url = cmcFearGreedUrl(o.now - (o.days ?? 365) * 86_400_000, o.now);
  return fetchParsed(fetchFn, [url], o, LABEL, (json) => parseCmcFearGreed(json, o));
}

/** The last 30 days of US spot ETF net flows (BTC and ETH). */
export function fetchCmcEtfNetflow(
  fetchFn: FetchFn,
  o: SourceFetchOptions,
): Promise<Result<{ btc: Series; eth: Series }>> {
  return fetchParsed(fetchFn, [CMC_ETF_NETFLOW_URL], o, ETF_LABEL, (json) => parseCmcEtfNetflow(json, o));
}
