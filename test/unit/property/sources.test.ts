/**
 * Property tests over EVERY provider parser in lib/sources (issue 6, guarantee 5): for a valid payload
 * with random shape drift (objects turned into bare values, arrays into objects, fields deleted, boxed
 * or stringified), hostile values anywhere (NaN, ±Infinity, negatives, future or out-of-range times,
 * strings, HTML, huge arrays) or arbitrary JSON, a parser never throws and returns either
 *  - ok, with only finite, in-range, not-future values, or
 *  - a typed error (a known kind) with a readable one-line reason naming the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDay } from '../../../lib/series/dates';
import { parseFearGreed, parseFearGreedData } from '../../../lib/sources/alternativeme';
import { parseBinanceKlines } from '../../../lib/sources/binance';
import {
  parseCmcAltcoinSeason,
  parseCmcDominance,
  parseCmcEtfNetflow,
  parseCmcFearGreed,
  parseCmcListing,
  parseCmcTotal3,
} from '../../../lib/sources/cmc';
import { parseCoingeckoGlobal, parseCoingeckoMarketChart, parseCoingeckoMarkets } from '../../../lib/sources/coingecko';
import { parseCoinloreGlobal } from '../../../lib/sources/coinlore';
import { parseCoinpaprikaGlobal } from '../../../lib/sources/coinpaprika';
import { FUTURE_SKEW_MS, type Snapshot } from '../../../lib/sources/parse';
import type { Result } from '../../../lib/core/result';
import { parseYahooChart } from '../../../lib/sources/yahoo';

import {
  DAY_MS,
  drifted,
  expectGoodSeries,
  expectInRange,
  expectReadableError,
  LAST_DAY,
  march,
  NOW,
  PCT,
  POSITIVE,
  RUNS,
  SHARE,
  safely,
  sec,
  tally,
  XSS,
} from './hostile';

// ---------- valid payloads in each provider's documented shape, for NOW ----------

const fng = () => ({
  name: 'Fear and Greed Index',
  data: [
    { value: '40', value_classification: 'Fear', timestamp: String(sec(march(19))), time_until_update: '43200' },
    { value: '45', value_classification: 'Fear', timestamp: String(sec(march(18))) },
    { value: '52', value_classification: 'Neutral', timestamp: String(sec(march(17))) },
  ],
  metadata: { error: null },
});

const kline = (openMs: number, close: string) => [
  openMs,
  '64000.1',
  '66000',
  '63000.5',
  close,
  '1234.5',
  openMs + DAY_MS - 1,
  '7.9e7',
  1000,
  '600',
  '3.8e7',
  '0',
];
const klines = () => [
  kline(march(16), '64500.5'),
  kline(march(17), '65000'),
  kline(march(18), '65500.25'),
  kline(march(19), '65700'),
];

const cmcStatus = {
  timestamp: '2026-03-19T12:00:00.000Z',
  error_code: '0',
  error_message: 'SUCCESS',
  elapsed: '5',
  credit_count: 0,
};
const cmcListing = () => ({
  data: {
    cryptoCurrencyList: [
      {
        id: 1,
        name: 'Bitcoin',
        symbol: 'BTC',
        slug: 'bitcoin',
        cmcRank: 1,
        tags: ['mineable', 'pow'],
        quotes: [{ name: 'USD', price: 65000.5, marketCap: 1.29e12, percentChange90d: 12.5 }],
      },
      {
        id: 825,
        name: 'Tether',
        symbol: 'USDT',
        slug: 'tether',
        cmcRank: 3,
        tags: ['stablecoin'],
        quotes: [{ name: 'USD', price: 1, marketCap: 1.4e11, percentChange90d: 0.01 }],
      },
      {
        id: 9999,
        name: 'New coin',
        symbol: 'new',
        slug: 'new',
        cmcRank: null,
        quotes: [{ name: 'USD', price: 0, marketCap: 0, percentChange90d: null }],
      },
    ],
    totalCount: '3',
  },
  status: { ...cmcStatus },
});
const cmcPoints = <T extends object>(f: (d: number) => T) =>
  [16, 17, 18].map((d) => ({ ...f(d), timestamp: String(sec(march(d))) }));
const cmcDominance = () => ({
  data: { points: cmcPoints((d) => ({ dominance: [58 + d / 10, 12, 30 - d / 10] })) },
  status: { ...cmcStatus },
});
const cmcTotal = () => ({
  data: { points: cmcPoints((d) => ({ marketCap: 2.4e12 + d * 1e9, btcValue: 1.3e12, ethValue: 3.1e11 })) },
  status: { ...cmcStatus },
});
const cmcAlt = () => ({
  data: { points: cmcPoints((d) => ({ altcoinIndex: 30 + d, name: 'Bitcoin Season' })) },
  status: { ...cmcStatus },
});
const cmcEtf = () => ({
  data: {
    points: cmcPoints((d) => ({ value: (d - 17) * 1e8, btcValue: (d - 17) * 9e7, ethValue: 1e7 })),
    aggregation: 'daily',
  },
  status: { ...cmcStatus },
});
/** Net flows are signed: any finite value. */
const SIGNED = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
const cmcFng = () => ({
  data: { dataList: cmcPoints((d) => ({ score: 40 + d, name: 'Fear' })) },
  status: { ...cmcStatus },
});

const cgMarkets = () => [
  { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 65000, market_cap: 1.29e12, market_cap_rank: 1 },
  { id: 'tether', symbol: 'usdt', name: 'Tether', current_price: 1, market_cap: 1.4e11, market_cap_rank: 3 },
  { id: 'obscure', symbol: 'obs', name: 'Obscure', current_price: null, market_cap: 0, market_cap_rank: null },
];
const cgGlobal = () => ({
  data: {
    active_cryptocurrencies: 17000,
    total_market_cap: { usd: 2.4e12, eur: 2.2e12 },
    market_cap_percentage: { btc: 58.2, eth: 11.9, usdt: 5.1 },
    updated_at: sec(NOW) - 120,
  },
});
const cgChart = () => ({
  prices: [
    [march(17), 64500.5],
    [march(18), 65000],
    [march(19), 65500],
    [NOW - 60_000, 65700],
  ],
  market_caps: [
    [march(17), 1.28e12],
    [march(18), 0],
    [march(19), 1.3e12],
    [NOW - 60_000, 1.31e12],
  ],
  total_volumes: [],
});

const paprika = () => ({
  market_cap_usd: 2.4e12,
  volume_24h_usd: 9e10,
  bitcoin_dominance_percentage: 58.1,
  cryptocurrencies_number: 9000,
  last_updated: sec(NOW) - 300,
});
const coinloreBody = () => [
  { coins_count: 12000, active_markets: 30000, total_mcap: 2.4e12, btc_d: '58.12', eth_d: '11.90', mcap_change: '1.2' },
];

/** ^RUT in New York: three closed sessions (one a holiday with a null close) and today's live bar. */
const yahoo = () => {
  const open = (d: number) => sec(Date.UTC(2026, 2, d, 13, 30));
  return {
    chart: {
      result: [
        {
          meta: {
            currency: 'USD',
            symbol: '^RUT',
            exchangeName: 'WCB',
            gmtoffset: -14_400,
            exchangeTimezoneName: 'America/New_York',
            regularMarketTime: sec(NOW) - 60,
            dataGranularity: '1d',
            currentTradingPeriod: {
              regular: { start: open(19), end: sec(Date.UTC(2026, 2, 19, 20)), timezone: 'EDT', gmtoffset: -14_400 },
            },
          },
          // today's session (19th) opens at 13:30 UTC, after NOW: its bar does not exist yet
          timestamp: [open(13), open(16), open(17), open(18)],
          indicators: {
            quote: [{ close: [2410.5, null, 2425.25, 2430], open: [1, 2, 3, 4] }],
            adjclose: [{ adjclose: [1, 2, 3, 4] }],
          },
        },
      ],
      error: null,
    },
  };
};

// ---------- what an ok result may contain ----------

function goodSnapshot(s: Snapshot, range = PCT) {
  expectInRange(s.value, range);
  expect(Number.isFinite(s.at)).toBe(true);
  expect(s.at).toBeLessThanOrEqual(NOW + FUTURE_SKEW_MS);
  expect(s.date).toBe(toDay(s.at));
  expect(s.date <= LAST_DAY).toBe(true);
  expect(s.source.length).toBeGreaterThan(0);
}

interface Case {
  name: string;
  base: () => unknown;
  parse: (json: unknown) => Result<unknown>;
  /** The source's label every error message starts with. */
  label: RegExp;
  check: (value: never) => void;
}

const cases: Case[] = [
  {
    name: 'alternative.me parseFearGreed',
    base: fng,
    parse: (j) => parseFearGreed(j, { now: NOW }),
    label: /^alternative\.me Fear & Greed/,
    check: (s) => expectGoodSeries(s, PCT),
  },
  {
    name: 'alternative.me parseFearGreedData',
    base: () => fng().data,
    parse: (j) => parseFearGreedData(j, { now: NOW }),
    label: /^alternative\.me Fear & Greed/,
    check: (s) => expectGoodSeries(s, PCT),
  },
  {
    name: 'Binance parseBinanceKlines',
    base: klines,
    parse: (j) => parseBinanceKlines(j, { now: NOW, symbol: 'BTCUSDT' }),
    label: /^Binance BTCUSDT/,
    // the still-open candle of today never becomes a close: every day is before today
    check: (s) => expectGoodSeries(s, POSITIVE, toDay(NOW - DAY_MS)),
  },
  {
    name: 'CoinMarketCap parseCmcListing',
    base: cmcListing,
    parse: (j) => parseCmcListing(j),
    label: /^CoinMarketCap/,
    check: (
      coins: {
        symbol: string;
        tags: string[];
        marketCap?: number;
        price?: number;
        percentChange90d?: number;
        rank?: number;
      }[],
    ) => {
      for (const c of coins) {
        expect(c.symbol.length).toBeGreaterThan(0);
        expect(Array.isArray(c.tags)).toBe(true);
        if (c.marketCap !== undefined) expectInRange(c.marketCap, POSITIVE);
        if (c.price !== undefined) expectInRange(c.price, POSITIVE);
        if (c.percentChange90d !== undefined) expectInRange(c.percentChange90d, { min: -100, max: Number.MAX_VALUE });
        if (c.rank !== undefined) expect(Number.isInteger(c.rank) && c.rank >= 1).toBe(true);
      }
    },
  },
  {
    name: 'CoinMarketCap parseCmcDominance',
    base: cmcDominance,
    parse: (j) => parseCmcDominance(j, { now: NOW }),
    label: /^CoinMarketCap/,
    check: (d: { btc: never; eth: never }) => {
      expectGoodSeries(d.btc, SHARE);
      expectGoodSeries(d.eth, PCT);
    },
  },
  {
    name: 'CoinMarketCap parseCmcTotal3',
    base: cmcTotal,
    parse: (j) => parseCmcTotal3(j, { now: NOW }),
    label: /^CoinMarketCap/,
    check: (s) => expectGoodSeries(s, POSITIVE),
  },
  {
    name: 'CoinMarketCap parseCmcAltcoinSeason',
    base: cmcAlt,
    parse: (j) => parseCmcAltcoinSeason(j, { now: NOW }),
    label: /^CoinMarketCap/,
    check: (s) => expectGoodSeries(s, PCT),
  },
  {
    name: 'CoinMarketCap parseCmcEtfNetflow',
    base: cmcEtf,
    parse: (j) => parseCmcEtfNetflow(j, { now: NOW }),
    label: /^CoinMarketCap/,
    check: (d: { btc: never; eth: never }) => {
      expectGoodSeries(d.btc, SIGNED);
      expectGoodSeries(d.eth, SIGNED);
    },
  },
  {
    name: 'CoinMarketCap parseCmcFearGreed',
    base: cmcFng,
    parse: (j) => parseCmcFearGreed(j, { now: NOW }),
    label: /^CoinMarketCap/,
    check: (s) => expectGoodSeries(s, PCT),
  },
  {
    name: 'CoinGecko parseCoingeckoMarkets',
    base: cgMarkets,
    parse: (j) => parseCoingeckoMarkets(j),
    label: /^CoinGecko/,
    check: (coins: { id: string; symbol: string; marketCap?: number; price?: number; rank?: number }[]) => {
      for (const c of coins) {
        expect(c.id.length).toBeGreaterThan(0);
        expect(c.symbol.length).toBeGreaterThan(0);
        if (c.marketCap !== undefined) expectInRange(c.marketCap, POSITIVE);
        if (c.price !== undefined) expectInRange(c.price, POSITIVE);
        if (c.rank !== undefined) expect(Number.isInteger(c.rank) && c.rank >= 1).toBe(true);
      }
    },
  },
  {
    name: 'CoinGecko parseCoingeckoGlobal',
    base: cgGlobal,
    parse: (j) => parseCoingeckoGlobal(j, { now: NOW }),
    label: /^CoinGecko/,
    check: (g: {
      at: number;
      date: string;
      btcDominance: number;
      ethDominance: number;
      totalMarketCapUsd: number;
      total3Usd: number;
    }) => {
      expectInRange(g.btcDominance, SHARE);
      expectInRange(g.ethDominance, SHARE);
      // below 100, so TOTAL3 is never 0
      expect(g.btcDominance + g.ethDominance).toBeLessThan(100);
      expectInRange(g.totalMarketCapUsd, POSITIVE);
      expectInRange(g.total3Usd, { min: 0, max: g.totalMarketCapUsd, above: true });
      expect(g.at).toBeLessThanOrEqual(NOW + FUTURE_SKEW_MS);
      expect(g.date <= LAST_DAY).toBe(true);
    },
  },
  {
    name: 'CoinGecko parseCoingeckoMarketChart',
    base: cgChart,
    parse: (j) => parseCoingeckoMarketChart(j, { now: NOW, id: 'bitcoin' }),
    label: /^CoinGecko bitcoin/,
    check: (c: { closes: never; marketCaps: never }) => {
      // today has not closed: the live point is dropped
      expectGoodSeries(c.closes, POSITIVE, toDay(NOW - DAY_MS));
      expectGoodSeries(c.marketCaps, POSITIVE, toDay(NOW - DAY_MS));
    },
  },
  {
    name: 'CoinPaprika parseCoinpaprikaGlobal',
    base: paprika,
    parse: (j) => parseCoinpaprikaGlobal(j, { now: NOW }),
    label: /^CoinPaprika/,
    check: (s) => goodSnapshot(s, SHARE),
  },
  {
    name: 'CoinLore parseCoinloreGlobal',
    base: coinloreBody,
    parse: (j) => parseCoinloreGlobal(j, { now: NOW }),
    label: /^CoinLore/,
    check: (s) => goodSnapshot(s, SHARE),
  },
  {
    name: 'Yahoo parseYahooChart',
    base: yahoo,
    parse: (j) => parseYahooChart(j, { now: NOW, symbol: '^RUT' }),
    label: /^Yahoo \^RUT/,
    check: (y: { series: never; intraday: { date: string; value: number } | null; timezone: string }) => {
      // exchange-local days: at most UTC+18 h ahead of the UTC day
      const lastLocal = toDay(NOW + 18 * 3_600_000);
      expectGoodSeries(y.series, POSITIVE, lastLocal);
      if (y.intraday) {
        expectInRange(y.intraday.value, POSITIVE);
        expect(y.intraday.date <= lastLocal).toBe(true);
      }
      expect(typeof y.timezone).toBe('string');
    },
  },
];

describe('every provider parser under shape drift and hostile values', () => {
  it('covers every exported parser of lib/sources', () => {
    // every `export function parse…(json: unknown …` of a provider module (parse.ts holds the shared rules)
    const dir = fileURLToPath(new URL('../../../lib/sources/', import.meta.url));
    const exported = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/export function (parse[A-Z]\w*)\(json: unknown/g)].map(
          (m) => m[1]!,
        ),
      );
    expect(cases.map((c) => c.name.split(' ').at(-1)).sort()).toEqual(exported.sort());
  });

  it.each(cases)('$name: the valid payload parses to good values', (c) => {
    const r = c.parse(c.base());
    if (!r.ok) throw new Error(r.error.message);
    c.check(r.value as never);
  });

  it.each(cases)(
    '$name: never throws; ok values are finite, in range and not in the future; errors are typed and readable',
    (c) => {
      const seen = tally();
      fc.assert(
        fc.property(drifted(c.base), (json) => {
          const r = seen.see(safely(() => c.parse(json)));
          if (r.ok) c.check(r.value as never);
          else expectReadableError(r.error, c.label);
        }),
        RUNS,
      );
      // both paths were exercised
      expect(seen.t.ok).toBeGreaterThan(0);
      expect(seen.t.failed).toBeGreaterThan(0);
    },
    60_000,
  );

  it.each(cases)('$name: a hostile string is quoted as text at most, never more than one bounded line', (c) => {
    const r = c.parse({
      error: XSS.repeat(50),
      data: XSS,
      chart: { error: { code: XSS, description: `${XSS}\n`.repeat(20) } },
      status: { error_code: 1, error_message: XSS },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expectReadableError(r.error, c.label);
  });
});

describe('regressions the properties found (each threw a RangeError before the fix)', () => {
  it('a timestamp beyond the Date range is a typed "in the future" error, not a crash', () => {
    const far = 8.64e15 + 1;
    expect(parseCoinpaprikaGlobal({ bitcoin_dominance_percentage: 58, last_updated: far }, { now: NOW })).toMatchObject(
      { ok: false, error: { kind: 'schema', path: 'last_updated' } },
    );
    expect(
      parseFearGreedData([{ value: '40', value_classification: 'Fear', timestamp: 1e300 }], { now: NOW }),
    ).toMatchObject({ ok: false, error: { kind: 'schema', path: '0.timestamp' } });
    const g = cgGlobal();
    g.data.updated_at = far;
    expect(parseCoingeckoGlobal(g, { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.updated_at' },
    });
  });

  it('Yahoo: times outside 1900..5138 and offsets beyond ±18 h are schema errors', () => {
    const y1 = yahoo();
    y1.chart.result[0]!.timestamp[0] = 1e20;
    expect(parseYahooChart(y1, { now: NOW, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result.0.timestamp.0' },
    });
    const y2 = yahoo();
    y2.chart.result[0]!.meta.currentTradingPeriod.regular.start = 8.64e12 + 0.001;
    expect(parseYahooChart(y2, { now: NOW, symbol: '^RUT' })).toMatchObject({ ok: false, error: { kind: 'schema' } });
    const y3 = yahoo() as { chart: { result: { meta: Record<string, unknown> }[] } };
    delete y3.chart.result[0]!.meta.exchangeTimezoneName;
    y3.chart.result[0]!.meta.gmtoffset = 10 * 86_400; // would date every bar ten days ahead
    expect(parseYahooChart(y3, { now: NOW, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result.0.meta.gmtoffset' },
    });
  });
});
