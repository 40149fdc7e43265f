import { describe, expect, it } from 'vitest';
import { pickSource, sourceFreshness } from '../../../lib/cache/freshness';
import { emptySeriesCache, mergePoints, storeMacro } from '../../../lib/cache/series-cache';
import { toSeriesSet } from '../../../lib/cache/series-set';
import { defaultSettings } from '../../../lib/settings/defaults';

describe('series cache', () => {
  it('merges fresh points: same day replaced, ascending, bounded', () => {
    const merged = mergePoints(
      [
        ['2025-01-01', 1],
        ['2025-01-02', 2],
      ],
      [
        { date: '2025-01-02', value: 2.5 },
        { date: '2025-01-03', value: 3 },
      ],
      400,
    );
    expect(merged).toEqual([
      ['2025-01-01', 1],
      ['2025-01-02', 2.5],
      ['2025-01-03', 3],
    ]);
    expect(mergePoints([['2024-01-01', 1]], [{ date: '2025-06-01', value: 2 }], 30)).toEqual([['2025-06-01', 2]]);
  });

  it('keeps each source’s history apart and reads the primary while it is not stale', () => {
    const cache = emptySeriesCache();
    storeMacro(
      cache,
      'btcDominance',
      'cmc',
      {
        source: 'CMC',
        points: [
          { date: '2025-01-01', value: 60 },
          { date: '2025-01-02', value: 61 },
        ],
      },
      1,
      4000,
    );
    storeMacro(
      cache,
      'btcDominance',
      'coingecko',
      { source: 'CG', points: [{ date: '2025-01-03', value: 58 }] },
      2,
      4000,
    );
    // a day-old primary history beats the fallback's newer single point (max age 2 days)
    expect(pickSource(cache.macro.btcDominance, ['CMC', 'CG'], { today: '2025-01-03', maxAgeDays: 2 })?.source).toBe(
      'CMC',
    );
    expect(
      toSeriesSet(cache, {}, { btcDominance: ['CMC', 'CG'] }, sourceFreshness(defaultSettings(), '2025-01-03'))
        .btcDominance?.source,
    ).toBe('CMC');
    // once the primary is stale, the fallback fills in
    expect(pickSource(cache.macro.btcDominance, ['CMC', 'CG'], { today: '2025-01-05', maxAgeDays: 2 })?.source).toBe(
      'CG',
    );
    // every series stale: the newest data, primary first on a tie
    expect(pickSource(cache.macro.btcDominance, ['CMC', 'CG'], { today: '2025-02-01', maxAgeDays: 2 })?.source).toBe(
      'CG',
    );
    storeMacro(cache, 'btcDominance', 'cmc', { source: 'CMC', points: [{ date: '2025-01-03', value: 62 }] }, 3, 4000);
    expect(pickSource(cache.macro.btcDominance, ['CMC', 'CG'], { today: '2025-02-01', maxAgeDays: 2 })?.source).toBe(
      'CMC',
    );
    // the primary's history survived the fallback day
    expect(cache.macro.btcDominance!.CMC!.points).toHaveLength(3);
    const set = toSeriesSet(
      cache,
      {},
      { btcDominance: ['CMC', 'CG'] },
      sourceFreshness(defaultSettings(), '2025-01-04'),
    );
    expect(set.btcDominance?.points.map((p) => p.value)).toEqual([60, 61, 62]);
  });

  it('turns daily universe snapshots into per-day market caps and categories', () => {
    const cache = emptySeriesCache();
    cache.coins.ETH = { provider: 'binance', source: 'Binance closes', points: [['2025-01-01', 3000]], fetchedAt: 1 };
    cache.coins.USDT = { provider: 'binance', source: 'Binance closes', points: [['2025-01-01', 1]], fetchedAt: 1 };
    const set = toSeriesSet(cache, {
      '2025-01-01': {
        coins: [
          { symbol: 'ETH', marketCap: 4e11 },
          { symbol: 'USDT', marketCap: 1e11, categories: ['stablecoin'] },
        ],
      },
      '2025-01-02': { coins: [{ symbol: 'ETH', marketCap: 4.1e11 }] },
    });
    expect(set.coins!.ETH!.marketCaps!.points).toEqual([
      { date: '2025-01-01', value: 4e11 },
      { date: '2025-01-02', value: 4.1e11 },
    ]);
    expect(set.coins!.USDT!.categories).toEqual(['stablecoin']);
  });
});

describe('the engine input without a recorded universe (issue #13)', () => {
  const coin = (v: number) => ({
    provider: 'binance',
    source: 'Binance closes',
    points: [
      ['2026-03-17', v],
      ['2026-03-18', v * 1.1],
    ] as [string, number][],
    fetchedAt: 0,
  });
  const cache = { ...emptySeriesCache(), coins: { BTC: coin(70_000), ETH: coin(2_000) } };

  it('keeps only BTC (no ASI over the coins cached for other series), ETH/BTC still derived', () => {
    const set = toSeriesSet(cache, {});
    expect(Object.keys(set.coins ?? {})).toEqual(['BTC']);
    expect(set.ethbtc?.points.map((p) => p.date)).toEqual(['2026-03-17', '2026-03-18']);
  });

  it('with a universe recorded, its coins are the ASI universe', () => {
    const set = toSeriesSet(cache, { '2026-03-18': { coins: [{ symbol: 'ETH', marketCap: 1e11 }] } });
    expect(Object.keys(set.coins ?? {}).sort()).toEqual(['BTC', 'ETH']);
  });
});
