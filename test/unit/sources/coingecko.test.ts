/**
 * No raw CoinGecko responses were recorded (only daily snapshots of a few /global fields, in
 * test/fixtures/real/raw/coingecko-global). The payloads here are hand-made in the documented shapes,
 * filled with those real recorded values where they exist.
 */
import { describe, expect, it } from 'vitest';
import {
  COINGECKO_EXCLUDED_CATEGORIES,
  coingeckoDominanceSnapshot,
  coingeckoMarketChartUrl,
  coingeckoMarketsUrl,
  coingeckoTotal3Snapshot,
  fetchCoingeckoExcludedIds,
  fetchCoingeckoGlobal,
  mergeExcluded,
  parseCoingeckoGlobal,
  parseCoingeckoMarketChart,
  parseCoingeckoMarkets,
} from '../../../lib/sources/coingecko';
import { fakeFetch, instant, json, routeFetch } from '../net/fake-fetch';
import { seriesCsv } from './fixtures';

const NOW = Date.UTC(2026, 3, 24, 18);

// jayj221/crypto-pulse snapshot of /global for 2026-04-24: btc 58.11, eth 10.44, total 2676041643809.494.
const global = (over: Record<string, unknown> = {}) => ({
  data: {
    active_cryptocurrencies: 17522,
    total_market_cap: { btc: 28_000_000, usd: 2676041643809.494 },
    market_cap_percentage: { btc: 58.11, eth: 10.44, usdt: 6.1 },
    updated_at: Date.UTC(2026, 3, 24, 17, 30) / 1000,
    ...over,
  },
});

describe('CoinGecko /global', () => {
  it('reads BTC dominance and derives TOTAL3 = total × (1 − (btc + eth)/100)', () => {
    const r = parseCoingeckoGlobal(global(), { now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.btcDominance).toBe(58.11);
    expect(r.value.ethDominance).toBe(10.44);
    expect(r.value.total3Usd).toBeCloseTo(2676041643809.494 * (1 - 68.55 / 100), 0);
    expect(r.value.date).toBe('2026-04-24');
    expect(coingeckoDominanceSnapshot(r.value)).toEqual({
      value: 58.11,
      at: Date.UTC(2026, 3, 24, 17, 30),
      date: '2026-04-24',
      source: 'CoinGecko BTC dominance',
    });
    expect(coingeckoTotal3Snapshot(r.value).source).toBe('CoinGecko TOTAL3');
  });

  it('agrees with the recorded daily BTC dominance snapshot', () => {
    expect(seriesCsv('btc-dominance.csv').get('2026-04-24')).toBe(58.11);
  });

  it.each([
    ['btc above 100', { market_cap_percentage: { btc: 101, eth: 1 } }, 'data.market_cap_percentage.btc'],
    ['eth missing', { market_cap_percentage: { btc: 58 } }, 'data.market_cap_percentage.eth'],
    ['btc + eth above 100', { market_cap_percentage: { btc: 80, eth: 30 } }, 'data.market_cap_percentage'],
    [
      'btc + eth exactly 100 (TOTAL3 would be 0)',
      { market_cap_percentage: { btc: 90, eth: 10 } },
      'data.market_cap_percentage',
    ],
    ['a BTC dominance of 0', { market_cap_percentage: { btc: 0, eth: 10 } }, 'data.market_cap_percentage.btc'],
    ['an ETH dominance of 0', { market_cap_percentage: { btc: 58, eth: 0 } }, 'data.market_cap_percentage.eth'],
    ['a zero total', { total_market_cap: { usd: 0 } }, 'data.total_market_cap.usd'],
    ['an update in the future', { updated_at: NOW / 1000 + 86_400 }, 'data.updated_at'],
  ])('%s is a schema error naming the field', (_n, over, path) => {
    expect(parseCoingeckoGlobal(global(over), { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path },
    });
  });

  it('fetches /api/v3/global', async () => {
    const f = fakeFetch(() => json(global()));
    const r = await fetchCoingeckoGlobal(f, { now: NOW, http: instant });
    expect(f.calls).toEqual(['https://api.coingecko.com/api/v3/global']);
    expect(r.ok).toBe(true);
  });
});

const market = (id: string, symbol: string, cap: number | null, rank: number | null, price: number | null = 1) => ({
  id,
  symbol,
  name: id,
  current_price: price,
  market_cap: cap,
  market_cap_rank: rank,
});

describe('CoinGecko /coins/markets', () => {
  it('reads the universe; an unknown (null or 0) market cap stays unknown, never 0', () => {
    const r = parseCoingeckoMarkets([
      market('bitcoin', 'btc', 1.86e12, 1, 93846.78),
      market('ethereum', 'eth', 2.18e11, 2, 1805),
      market('ghost', 'gho', 0, null, 0),
      market('nothing', 'nul', null, null, null),
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]).toEqual({
      id: 'bitcoin',
      symbol: 'BTC',
      name: 'bitcoin',
      marketCap: 1.86e12,
      rank: 1,
      price: 93846.78,
    });
    expect(r.value[2]).toEqual({ id: 'ghost', symbol: 'GHO', name: 'ghost' });
    expect(r.value[3]).toEqual({ id: 'nothing', symbol: 'NUL', name: 'nothing' });
  });

  it('rejects negative caps, bad ranks and non-arrays', () => {
    expect(parseCoingeckoMarkets([market('a', 'a', -5, 1)])).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '0.market_cap' },
    });
    expect(parseCoingeckoMarkets([market('a', 'a', 5, 0)])).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '0.market_cap_rank' },
    });
    expect(parseCoingeckoMarkets({ status: { error_code: 429 } })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '' },
    });
  });

  it('builds the markets URL, with a category when asked', () => {
    expect(coingeckoMarketsUrl()).toBe(
      'https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1',
    );
    expect(coingeckoMarketsUrl({ category: 'stablecoins', perPage: 999 })).toBe(
      'https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1' +
        '&category=stablecoins',
    );
  });

  it('collects excluded ids, one call per SIGNALS.md category, one after another', async () => {
    const members: Record<string, unknown[]> = {
      stablecoins: [market('tether', 'usdt', 1.45e11, 3), market('usd-coin', 'usdc', 6.2e10, 7)],
      'wrapped-tokens': [market('wrapped-bitcoin', 'wbtc', 1.2e10, 15)],
      'liquid-staking-tokens': [market('staked-ether', 'steth', 1.6e10, 9)],
      'bridged-tokens': [market('bridged-usdc', 'usdc.e', 1e8, 400)],
      'tokenized-btc': [market('wrapped-bitcoin', 'wbtc', 1.2e10, 15)],
      'asset-backed-tokens': [market('tether-gold', 'xaut', 8e8, 90)],
    };
    let inFlight = 0;
    let peak = 0;
    const f = routeFetch({
      'category=': async (url) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        return json(members[new URL(url).searchParams.get('category')!]);
      },
    });
    const r = await fetchCoingeckoExcludedIds(f, { now: NOW, http: instant });
    expect(f.calls.map((u) => new URL(u).searchParams.get('category'))).toEqual([...COINGECKO_EXCLUDED_CATEGORIES]);
    expect(peak).toBe(1);
    expect(r).toEqual({
      ok: true,
      value: {
        tether: ['stablecoins'],
        'usd-coin': ['stablecoins'],
        'wrapped-bitcoin': ['wrapped-tokens', 'tokenized-btc'],
        'staked-ether': ['liquid-staking-tokens'],
        'bridged-usdc': ['bridged-tokens'],
        'tether-gold': ['asset-backed-tokens'],
      },
    });
  });

  it('fails as a whole when one category fails (a partial list would let a stablecoin in)', async () => {
    const f = routeFetch({
      'category=stablecoins': () => json([market('tether', 'usdt', 1, 3)]),
      'category=wrapped-tokens': () => new Response('', { status: 429, headers: { 'Retry-After': '60' } }),
    });
    const r = await fetchCoingeckoExcludedIds(f, { now: NOW, http: instant });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW + 60_000 } });
    if (!r.ok) expect(r.error.message).toContain('category wrapped-tokens');
    expect(f.calls).toHaveLength(2);
    expect(mergeExcluded([])).toEqual({});
  });
});

describe('CoinGecko /coins/{id}/market_chart', () => {
  // Binance BTCUSDT closes of 2024-01-01..03 (series/coins/BTC.csv) placed as CoinGecko 00:00 UTC snapshots.
  const btc = seriesCsv('coins/BTC.csv');
  const midnight = (d: number) => Date.UTC(2024, 0, d);
  const chart = {
    prices: [
      [midnight(2), btc.get('2024-01-01')!],
      [midnight(3), btc.get('2024-01-02')!],
      [midnight(4), btc.get('2024-01-03')!],
      [Date.UTC(2024, 0, 4, 15, 12), 42_800.5], // the live price
    ],
    market_caps: [
      [midnight(2), 8.65e11],
      [midnight(3), 0],
      [midnight(4), 8.3e11],
      [Date.UTC(2024, 0, 4, 15, 12), 8.4e11],
    ],
    total_volumes: [],
  };
  const now = Date.UTC(2024, 0, 4, 15, 13);

  it('dates a 00:00 UTC snapshot as the previous day’s close and drops the live point', () => {
    const r = parseCoingeckoMarketChart(chart, { now, id: 'bitcoin' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.closes).toEqual({
      points: [
        { date: '2024-01-01', value: 44179.55 },
        { date: '2024-01-02', value: 44946.91 },
        { date: '2024-01-03', value: btc.get('2024-01-03') },
      ],
      source: 'CoinGecko closes',
    });
    // A cap of 0 is "unknown": the day is absent, not 0.
    expect(r.value.marketCaps.points).toEqual([
      { date: '2024-01-01', value: 8.65e11 },
      { date: '2024-01-03', value: 8.3e11 },
    ]);
  });

  it('rejects bad prices and future points, skips null prices', () => {
    const bad = { prices: [[midnight(2), -1]] };
    expect(parseCoingeckoMarketChart(bad, { now, id: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'prices.0.1' },
    });
    expect(parseCoingeckoMarketChart({ prices: [[midnight(2), 'NaN']] }, { now, id: 'x' })).toMatchObject({
      ok: false,
      error: { path: 'prices.0.1' },
    });
    expect(parseCoingeckoMarketChart({ prices: [[midnight(9), 1]] }, { now, id: 'x' })).toMatchObject({
      ok: false,
      error: { path: 'prices.0.0' },
    });
    const nul = parseCoingeckoMarketChart(
      {
        prices: [
          [midnight(2), null],
          [midnight(3), 5],
        ],
      },
      { now, id: 'x' },
    );
    expect(nul.ok && nul.value.closes.points).toEqual([{ date: '2024-01-02', value: 5 }]);
    expect(parseCoingeckoMarketChart({ error: 'coin not found' }, { now, id: 'x' })).toMatchObject({
      ok: false,
      error: { path: 'prices' },
    });
  });

  it('caps history at 365 days in the URL', () => {
    expect(coingeckoMarketChartUrl('hyperliquid', 1000)).toBe(
      'https://api.coingecko.com/api/v3/coins/hyperliquid/market_chart?vs_currency=usd&days=365&interval=daily',
    );
  });
});
