/**
 * ETH/BTC by SIGNALS.md §2's one rule: the pair's close where ethbtc.csv has one, else ETH ÷ BTC of the same
 * day, labelled. The same function completes the CLI's series (load-dir), the extension's (the cache's series
 * set) and the evidence's, and the signal's source names the derived days it read.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CachedSeries, SeriesCache } from '../../../lib/cache/series-cache';
import { toSeriesSet } from '../../../lib/cache/series-set';
import { MACRO_CHAINS } from '../../../lib/cache/chains';
import { ETHBTC_DERIVED_SOURCE } from '../../../lib/cache/chains';
import { dropLegacyDerivedEthBtc, ethBtcAsks } from '../../../lib/refresh/tasks/ethbtc';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { outcomeInputs } from '../../../lib/evidence/outcomes';
import { addDays } from '../../../lib/series/dates';
import { ethBtcSeries, withDerivedEthBtc } from '../../../lib/series/ethbtc';
import type { Series } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { computeSignals } from '../../../lib/signals/signals';
import { REAL_SERIES_FULL } from '../../support/fixtures';
import { readCloses } from '../evidence/plain';

const s = defaultSettings();
const ser = (source: string, pts: [string, number][]): Series => ({
  source,
  points: pts.map(([date, value]) => ({ date, value })),
});

describe('ethBtcSeries: the one rule', () => {
  const eth = ser('Binance closes', [
    ['2025-01-01', 3000],
    ['2025-01-02', 3100],
    ['2025-01-03', 3200],
    ['2025-01-04', 3300],
    ['2025-01-05', 3400],
    ['2025-01-06', 3500],
  ]);
  const btc = ser('Binance closes', [
    ['2025-01-01', 100_000],
    ['2025-01-02', 100_000],
    ['2025-01-03', 80_000],
    ['2025-01-04', 110_000],
    ['2025-01-05', 85_000],
    ['2025-01-06', 70_000],
  ]);
  const pair = ser('Binance ETHBTC', [
    ['2025-01-01', 0.0301],
    ['2025-01-02', 0.0311],
    ['2025-01-04', 0.0299],
  ]);

  it('keeps the pair’s close on its days and derives ETH ÷ BTC of the same day on every other day', () => {
    const e = ethBtcSeries(pair, eth, btc)!;
    expect(e.points).toEqual([
      { date: '2025-01-01', value: 0.0301 },
      { date: '2025-01-02', value: 0.0311 },
      { date: '2025-01-03', value: 3200 / 80_000 },
      { date: '2025-01-04', value: 0.0299 },
      { date: '2025-01-05', value: 3400 / 85_000 },
      { date: '2025-01-06', value: 3500 / 70_000 },
    ]);
    expect(e.derived).toEqual({
      source: 'derived from ETH and BTC closes (Binance closes)',
      observed: 'Binance ETHBTC',
      runs: [
        { from: '2025-01-03', to: '2025-01-03' },
        { from: '2025-01-05', to: '2025-01-06' },
      ],
    });
    expect(e.source).toBe(
      'Binance ETHBTC; derived from ETH and BTC closes (Binance closes) on 2025-01-03, 2025-01-05..2025-01-06',
    );
    // applied again (the evidence reads a set the loader already completed): nothing changes
    expect(ethBtcSeries(e, eth, btc)).toBe(e);
  });

  it('without the pair every day is derived; closes of two venues are never divided', () => {
    const e = ethBtcSeries(undefined, eth, btc)!;
    expect(e.points.map((p) => p.value)).toEqual(eth.points.map((p, i) => p.value / btc.points[i]!.value));
    expect(e.derived).toMatchObject({ observed: null, runs: [{ from: '2025-01-01', to: '2025-01-06' }] });
    expect(ethBtcSeries(pair, eth, { ...btc, source: 'CoinGecko closes' })).toBe(pair);
    expect(ethBtcSeries(undefined, eth, undefined)).toBeUndefined();
  });

  it('the signal names only the derived days it read', () => {
    const e = ethBtcSeries(pair, eth, btc)!;
    const at = (day: string) => computeSignals({ ethbtc: e }, s, day, day).ethbtc!;
    expect(at('2025-01-02')).toMatchObject({ source: 'Binance ETHBTC', derived: [] });
    expect(at('2025-01-05')).toMatchObject({
      value: 3400 / 85_000,
      source: 'Binance ETHBTC; derived from ETH and BTC closes (Binance closes) on 2025-01-03, 2025-01-05',
    });
  });
});

describe('ETH/BTC on the real series-full (ethbtc.csv ends 2024-02-29)', () => {
  const set = loadSeriesDir(REAL_SERIES_FULL);
  // read with split(','), not with the product's parser
  const pair = readCloses(join(REAL_SERIES_FULL, 'ethbtc.csv'));
  const eth = readCloses(join(REAL_SERIES_FULL, 'coins/ETH.csv'));
  const btc = readCloses(join(REAL_SERIES_FULL, 'coins/BTC.csv'));

  it('the pair’s own close up to its end, then ETH ÷ BTC of the same day, labelled', () => {
    const at = (day: string) => computeSignals(set, s, day, day).ethbtc!;
    expect(at('2024-02-29')).toMatchObject({ value: pair.get('2024-02-29'), source: 'ethbtc.csv' });
    expect(at('2024-03-01').value).toBe(eth.get('2024-03-01')! / btc.get('2024-03-01')!);
    // the 30-day change reads a pair close at its start and derived days after: both named
    expect(at('2024-03-20')).toMatchObject({
      source: 'ethbtc.csv; derived from ETH and BTC closes (coins/*.csv) on 2024-03-01..2024-03-20',
      derived: [{ from: '2024-03-01', to: '2024-03-20' }],
    });
    expect(at('2024-03-20').change30Pct).toBeCloseTo(
      (eth.get('2024-03-20')! / btc.get('2024-03-20')! / pair.get('2024-02-19')! - 1) * 100,
      9,
    );
  });

  it('is known and fresh, with its 30-day change, on every day 2024-07-15..2026-03-18', () => {
    const bad: string[] = [];
    for (let d = '2024-07-15'; d <= '2026-03-18'; d = addDays(d, 1)) {
      const e = computeSignals(set, s, d, d).ethbtc;
      const want = eth.get(d)! / btc.get(d)!;
      const ok =
        e !== null &&
        e.asOf === d &&
        !e.stale &&
        e.value === want &&
        e.change30Pct !== null &&
        e.aboveSma200 !== null &&
        e.source.includes('derived from ETH and BTC closes (coins/*.csv) on ') &&
        e.derived?.at(-1)?.to === d;
      if (!ok) bad.push(d);
    }
    expect(bad).toEqual([]);
  });

  it('the evidence reads the same series through the same function', () => {
    const { ethbtc, ...noPair } = set;
    expect(outcomeInputs(set, s, 3).ethbtc).toEqual([ethbtc]);
    // from the closes alone it derives every day, exactly as the rule does
    const x = outcomeInputs(noPair, s, 3).ethbtc;
    expect(x).toEqual([ethBtcSeries(undefined, set.coins!.ETH!.closes, set.coins!.BTC!.closes)]);
    expect(x[0]!.points.length).toBe(eth.size);
  });
});

describe('the extension: the cache’s series set completes ETH/BTC the same way', () => {
  const cached = (provider: string, source: string, pts: [string, number][]): CachedSeries => ({
    provider,
    source,
    points: pts,
    fetchedAt: 0,
  });
  const cache: SeriesCache = {
    version: 1,
    macro: { ethbtc: { 'Binance ETHBTC': cached('binance', 'Binance ETHBTC', [['2025-03-01', 0.03]]) } },
    coins: {
      ETH: cached('binance', 'Binance closes', [
        ['2025-03-01', 2000],
        ['2025-03-02', 2100],
      ]),
      BTC: cached('binance', 'Binance closes', [
        ['2025-03-01', 80_000],
        ['2025-03-02', 84_000],
      ]),
    },
  };

  it('a day the pair has not answered is ETH ÷ BTC of the cached closes, named as derived', () => {
    const set = toSeriesSet(cache, {});
    expect(set.ethbtc!.points).toEqual([
      { date: '2025-03-01', value: 0.03 },
      { date: '2025-03-02', value: 2100 / 84_000 },
    ]);
    const e = computeSignals(set, s, '2025-03-02', '2025-03-02').ethbtc!;
    expect(e.stale).toBe(false);
    expect(e.source).toBe('Binance ETHBTC; derived from ETH and BTC closes (Binance closes) on 2025-03-02');
    expect(withDerivedEthBtc(set)).toBe(set);
  });

  it('the worker fetches the pair only, and drops the ETH ÷ BTC series older versions stored beside it', () => {
    // One link in the chain: the pair. Nothing derived is fetched or stored in its place; the series set derives.
    expect(MACRO_CHAINS.ethbtc.links.map((l) => l.source)).toEqual(['Binance ETHBTC']);
    expect(Object.keys(ethBtcAsks())).toEqual(['Binance ETHBTC']);
    const c = structuredClone(cache);
    c.macro.ethbtc![ETHBTC_DERIVED_SOURCE] = cached('binance', ETHBTC_DERIVED_SOURCE, [['2025-03-02', 0.025]]);
    dropLegacyDerivedEthBtc(c);
    expect(Object.keys(c.macro.ethbtc!)).toEqual(['Binance ETHBTC']);
  });
});
