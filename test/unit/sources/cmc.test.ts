/**
 * CoinMarketCap data-api. The recorded cmc-pro/ files are the *pro* API, whose shapes differ from the
 * website data-api; they are used (1) to check that a different shape is a schema error, not a
 * crash or a zero, and (2) as real values for a listing converted to the data-api shape. The chart
 * payloads are hand-made in the shapes documented for the data-api (SIGNALS.md §6), with sample
 * values published for those endpoints.
 */
import { describe, expect, it } from 'vitest';
import {
  CMC_FEAR_GREED_SOURCE,
  cmcAltcoinSeasonUrl,
  cmcExclusionTags,
  cmcListingUrl,
  cmcTotal3Url,
  fetchCmcAltcoinSeason,
  fetchCmcDominance,
  parseCmcAltcoinSeason,
  parseCmcDominance,
  parseCmcFearGreed,
  parseCmcListing,
  parseCmcTotal3,
} from '../../../lib/sources/cmc';
import { toEpochMs } from '../../../lib/sources/parse';
import { fakeFetch, instant, json } from '../net/fake-fetch';
import { clone, raw } from './fixtures';

const OK_STATUS = {
  timestamp: '2025-07-15T17:19:10.609Z',
  error_code: '0',
  error_message: 'SUCCESS',
  elapsed: '1',
  credit_count: 0,
};
const env = <T>(data: T, status: unknown = OK_STATUS) => ({ data, status });
const NOW = Date.UTC(2025, 6, 15, 18);

interface ProCoin {
  id: number;
  name: string;
  symbol: string;
  slug: string;
  cmc_rank: number;
  tags: string[];
  quote: { USD: { price: number; market_cap: number; percent_change_90d: number } };
}
const pro = raw<{ data: ProCoin[]; status: unknown }>('cmc-pro/top_cryptos_raw.json');

/** The real pro-api listing of 2025-04-23, rewritten into the data-api listing shape. */
const dataApiListing = () =>
  env({
    cryptoCurrencyList: pro.data.map((c) => ({
      id: c.id,
      name: c.name,
      symbol: c.symbol,
      slug: c.slug,
      cmcRank: c.cmc_rank,
      tags: c.tags,
      quotes: [
        {
          name: 'USD',
          price: c.quote.USD.price,
          marketCap: c.quote.USD.market_cap,
          percentChange90d: c.quote.USD.percent_change_90d,
        },
      ],
    })),
    totalCount: '9810',
  });

describe('CMC listing', () => {
  it('reads tags, ranks, market caps and 90-day changes', () => {
    const r = parseCmcListing(dataApiListing());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toHaveLength(20);
    expect(r.value[0]).toMatchObject({
      id: 1,
      symbol: 'BTC',
      rank: 1,
      marketCap: 1863353028591.535,
      percentChange90d: -10.04157469,
    });
    expect(r.value.find((c) => c.symbol === 'ETH')?.percentChange90d).toBe(-45.56976065);
  });

  it('flags the exclusion tags (USDT and USDC are stablecoins)', () => {
    const r = parseCmcListing(dataApiListing());
    if (!r.ok) throw new Error(r.error.message);
    const excluded = r.value.filter((c) => cmcExclusionTags(c).length > 0).map((c) => c.symbol);
    expect(excluded).toEqual(['USDT', 'USDC']);
    expect(cmcExclusionTags({ tags: ['tokenized-gold', 'x'] })).toEqual(['tokenized-gold']);
  });

  it('the real pro-api response is a different shape: a schema error, not a crash', () => {
    expect(parseCmcListing(pro)).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.cryptoCurrencyList' },
    });
    expect(parseCmcDominance(raw('cmc-pro/global_metrics.json'), { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.points' },
    });
    // The data-api v3.1 historical quotes (cmc-data-api/cmc20-hist.json) are not the dominance chart either.
    expect(parseCmcDominance(raw('cmc-data-api/cmc20-hist.json'), { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.points' },
    });
  });

  it('requires a USD quote and a sane 90-day change; an unknown cap stays unknown', () => {
    const noUsd = clone(dataApiListing());
    noUsd.data.cryptoCurrencyList[3]!.quotes[0]!.name = 'EUR';
    expect(parseCmcListing(noUsd)).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.cryptoCurrencyList.3.quotes' },
    });
    const crash = clone(dataApiListing());
    crash.data.cryptoCurrencyList[1]!.quotes[0]!.percentChange90d = -150;
    expect(parseCmcListing(crash)).toMatchObject({
      ok: false,
      error: { path: 'data.cryptoCurrencyList.1.quotes.0.percentChange90d' },
    });
    const zero = clone(dataApiListing());
    zero.data.cryptoCurrencyList[5]!.quotes[0]!.marketCap = 0;
    const r = parseCmcListing(zero);
    expect(r.ok && 'marketCap' in r.value[5]!).toBe(false);
  });

  it('a non-zero status.error_code with HTTP 200 ("system busy") is an error', () => {
    // busy: a transient server error (a short backoff), not a changed envelope
    const r = parseCmcListing(env({}, { error_code: '500', error_message: 'system busy' }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'http', status: 500 } });
    if (!r.ok) expect(r.error.message).toBe('CoinMarketCap: API error 500 "system busy" (HTTP 200)');
    const other = parseCmcListing(env({}, { error_code: '1002', error_message: 'API key missing.' }));
    expect(other).toMatchObject({ ok: false, error: { kind: 'schema', path: 'status.error_code' } });
  });

  it('builds the listing URL of SIGNALS.md', () => {
    expect(cmcListingUrl()).toBe(
      'https://api.coinmarketcap.com/data-api/v3/cryptocurrency/listing' +
        '?start=1&limit=200&sortBy=market_cap&sortType=desc&convert=USD',
    );
  });
});

describe('CMC dominance chart', () => {
  // Raw JSON text: the endpoint really sends number literals such as 0E-18.
  const text = `{"data":{"configs":[{"name":"Bitcoin Dominance"},{"name":"Ethereum Dominance"},{"name":"Others"}],
    "points":[{"dominance":[94.172624726753928500,0E-18,5.827375273246071500],"timestamp":"1367193600"},
              {"dominance":[63.2,9.7,27.1],"timestamp":"1752451200000"},
              {"dominance":[63.56190000,9.65310000,26.78500000],"timestamp":"1752518100"}]},
    "status":{"timestamp":"2025-07-14T18:38:34.065Z","error_code":"0","error_message":"SUCCESS",
              "elapsed":"3","credit_count":0}}`;

  it('reads BTC and ETH dominance by UTC day; seconds and ms timestamps agree; the live point wins its day', () => {
    const r = parseCmcDominance(JSON.parse(text), { now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.btc).toEqual({
      points: [
        { date: '2013-04-29', value: 94.17262472675392 },
        { date: '2025-07-14', value: 63.5619 },
      ],
      source: 'CoinMarketCap BTC dominance',
    });
    expect(r.value.eth.points[0]).toEqual({ date: '2013-04-29', value: 0 });
  });

  it('a changed layout or impossible values are schema errors', () => {
    const body = (dominance: unknown) => env({ points: [{ dominance, timestamp: '1752451200' }] });
    expect(parseCmcDominance(body([63.2, 36.8]), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.dominance.2' },
    });
    expect(parseCmcDominance(body([60, 10, 20, 10]), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.dominance.3' },
    });
    expect(parseCmcDominance(body([63.2, 9.7, 7.1]), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.dominance' },
    });
    expect(parseCmcDominance(body([163.2, -70, 7.1]), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.dominance.0' },
    });
    // 0 % BTC dominance is an unknown value, not a reading (ETH's 0 of 2013 is real: it did not exist yet)
    const zero = parseCmcDominance(body([0, 10, 90]), { now: NOW });
    expect(zero).toMatchObject({ ok: false, error: { kind: 'schema', path: 'data.points.0.dominance.0' } });
    expect(!zero.ok && zero.error.message).toMatch(/dominance\.0 must be above 0/);
    expect(
      parseCmcDominance(env({ points: [{ dominance: [63, 10, 27], timestamp: 'yesterday' }] }), { now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.timestamp' },
    });
    expect(
      parseCmcDominance(env({ points: [{ dominance: [63, 10, 27], timestamp: String(NOW / 1000 + 86_400) }] }), {
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.timestamp' },
    });
  });

  it('fetches range=all', async () => {
    const f = fakeFetch(() => new Response(text, { headers: { 'content-type': 'application/json' } }));
    const r = await fetchCmcDominance(f, { now: NOW, http: instant });
    expect(f.calls).toEqual(['https://api.coinmarketcap.com/data-api/v3/global-metrics/dominance/chart?range=all']);
    expect(r.ok).toBe(true);
  });
});

describe('CMC TOTAL3 (global-metrics quotes historical)', () => {
  const pt = (marketCap: unknown, btcValue: unknown, ethValue: unknown, timestamp: unknown) => ({
    marketCap,
    volume: 85500455679.31,
    btcValue,
    ethValue,
    stableValue: 155925212458.86,
    otherValue: 524341973129.56,
    timestamp,
  });

  it('is marketCap − btcValue − ethValue per day', () => {
    const r = parseCmcTotal3(
      env({
        points: [
          pt(2377311440200.79, 1277947163756.47, 419097090855.9, '1721088000'),
          pt(3691550334463.82, 2329966374244.93, 368117038843.11, '1752598893000'),
        ],
      }),
      { now: NOW },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source).toBe('CoinMarketCap TOTAL3');
    expect(r.value.points.map((p) => p.date)).toEqual(['2024-07-16', '2025-07-15']);
    expect(r.value.points[0]!.value).toBeCloseTo(680267185588.42, 1);
    expect(r.value.points[1]!.value).toBeCloseTo(993466921375.78, 1);
  });

  it('rejects a non-positive TOTAL3, a missing field, NaN and a BTC or ETH value of 0', () => {
    expect(parseCmcTotal3(env({ points: [pt(100, 80, 30, '1721088000')] }), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0' },
    });
    expect(parseCmcTotal3(env({ points: [pt(100, undefined, 30, '1721088000')] }), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.btcValue' },
    });
    expect(parseCmcTotal3(env({ points: [pt('NaN', 1, 1, '1721088000')] }), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.0.marketCap' },
    });
    // a BTC or ETH value of 0 is unknown: TOTAL3 would silently include that coin's cap
    for (const [btc, eth, path] of [
      [0, 30, 'btcValue'],
      [80, 0, 'ethValue'],
    ] as const) {
      const r = parseCmcTotal3(env({ points: [pt(200, btc, eth, '1721088000')] }), { now: NOW });
      expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path: `data.points.0.${path}` } });
      expect(!r.ok && r.error.message).toMatch(new RegExp(`${path} must be a positive number \\(got 0\\)`));
    }
  });

  it('asks for daily points (range=1y)', () => {
    expect(cmcTotal3Url()).toBe(
      'https://api.coinmarketcap.com/data-api/v4/global-metrics/quotes/historical?convertId=2781&range=1y',
    );
  });
});

describe('CMC altcoin season and fear & greed charts', () => {
  const alt = env({
    points: [
      { name: 'Bitcoin Season', altcoinIndex: '22', altcoinMarketcap: '1186712659110.31', timestamp: '1751932800' },
      { name: '', altcoinIndex: '28', altcoinMarketcap: '1205096162295.70', timestamp: '1752019200000' },
      { name: '', altcoinIndex: '32', altcoinMarketcap: '1346736387703.65', timestamp: '1752451200' },
      { name: '', altcoinIndex: '33', altcoinMarketcap: '1366412672436.80', timestamp: '1752511150' },
    ],
    historicalValues: { now: { altcoinIndex: '33', timestamp: '1752511150' } },
  });

  it('reads the altcoin index strings as numbers, ms and s timestamps alike', () => {
    const r = parseCmcAltcoinSeason(alt, { now: NOW });
    expect(r).toEqual({
      ok: true,
      value: {
        points: [
          { date: '2025-07-08', value: 22 },
          { date: '2025-07-09', value: 28 },
          { date: '2025-07-14', value: 33 },
        ],
        source: 'CoinMarketCap Altcoin Season Index',
      },
    });
  });

  it('rejects an index outside 0..100 or not a number', () => {
    const bad = clone(alt);
    bad.data.points[1]!.altcoinIndex = '128';
    expect(parseCmcAltcoinSeason(bad, { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.1.altcoinIndex' },
    });
    bad.data.points[1]!.altcoinIndex = 'n/a';
    expect(parseCmcAltcoinSeason(bad, { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.points.1.altcoinIndex' },
    });
  });

  it('sends both start and end (seconds) for the altcoin season chart', async () => {
    expect(cmcAltcoinSeasonUrl(1_751_906_520_000, 1_752_511_320_000)).toBe(
      'https://api.coinmarketcap.com/data-api/v3/altcoin-season/chart?start=1751906520&end=1752511320',
    );
    const f = fakeFetch(() => json(alt));
    await fetchCmcAltcoinSeason(f, { now: NOW, days: 30, http: instant });
    const u = new URL(f.calls[0]!);
    expect(Number(u.searchParams.get('end'))).toBe(NOW / 1000);
    expect(Number(u.searchParams.get('start'))).toBe(NOW / 1000 - 30 * 86_400);
  });

  it('reads CMC fear & greed and labels it as a different index', () => {
    const fg = env({
      dataList: [
        { score: 51, name: 'Neutral', timestamp: '1750032000', btcPrice: '105555.59', btcVolume: '50366626944.57' },
        { score: 70, name: 'Greed', timestamp: '1752599290', btcPrice: '117252.49', btcVolume: '94531413434.83' },
      ],
      dialConfig: [],
    });
    const r = parseCmcFearGreed(fg, { now: NOW });
    expect(r).toEqual({
      ok: true,
      value: {
        points: [
          { date: '2025-06-16', value: 51 },
          { date: '2025-07-15', value: 70 },
        ],
        source: CMC_FEAR_GREED_SOURCE,
      },
    });
    expect(CMC_FEAR_GREED_SOURCE).toContain('not alternative.me');
    expect(parseCmcFearGreed(env({ points: [] }), { now: NOW })).toMatchObject({
      ok: false,
      error: { path: 'data.dataList' },
    });
  });

  it('normalises timestamps given in seconds or milliseconds, as numbers or strings', () => {
    const ms = Date.UTC(2025, 6, 14);
    for (const t of [ms / 1000, ms, String(ms / 1000), String(ms), '2025-07-14T00:00:00.000Z'])
      expect(toEpochMs(t)).toBe(ms);
    for (const t of ['', 'abc', -5, 0, 'NaN']) expect(toEpochMs(t)).toBeNaN();
  });
});
