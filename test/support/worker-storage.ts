/**
 * The real series as the worker would hold them in storage, for seeding views and end-to-end tests: the series
 * cache and the recorded universe beside it. One place, so the popup, options, screenshot tests and the popup
 * bench seed the same thing.
 */
import type { SeriesCache, UniverseSnapshot } from '../../lib/cache/series-cache';
import { loadSeriesDir } from '../../lib/cli/load-dir';
import { addDays } from '../../lib/series/dates';
import type { Day, Series, SeriesSet } from '../../lib/series/types';
import { ASI_PRESETS } from '../../lib/settings/schema';
import { defaultSettings, type Settings } from '../../lib/settings/defaults';
import { REAL_SERIES_FULL, realSeries } from './fixtures';

export interface WorkerStorage {
  seriesCache: SeriesCache;
  universes: Record<Day, UniverseSnapshot>;
  /** The same series trimmed as they were cached: the engine's input for expected values. */
  set: SeriesSet;
}

const MACRO = ['rut', 'btcDominance', 'ethbtc', 'fearGreed', 'total3', 'etfFlowsBtc', 'etfFlowsEth'] as const;

/**
 * `set` cached up to `day` (coins `coinDays` back, macro series `macroDays`), fetched at `fetchedAt`, and the
 * universe recorded on `day`. The extension's ASI counts only coins of a recorded universe (lib/cache/series-set.ts);
 * the fixtures have no market caps, so every coin gets the same one and `universeSettings` keeps them all.
 */
export function workerStorage(
  set: SeriesSet,
  day: Day,
  opts: { coinDays: number; macroDays: number; fetchedAt: number },
): WorkerStorage {
  const upTo = (s: Series, keep: number): Series => ({
    source: s.source,
    points: s.points.filter((p) => p.date <= day && p.date > addDays(day, -keep)),
  });
  const cached = (s: Series) => ({
    provider: 'fixture',
    source: s.source,
    points: s.points.map((p) => [p.date, p.value] as [string, number]),
    fetchedAt: opts.fetchedAt,
  });
  const out: SeriesSet = { coins: {} };
  const seriesCache: SeriesCache = { version: 1, macro: {}, coins: {} };
  for (const [sym, c] of Object.entries(set.coins ?? {})) {
    const closes = upTo(c.closes, opts.coinDays);
    if (closes.points.length === 0) continue;
    out.coins![sym] = { ...c, closes };
    seriesCache.coins[sym] = cached(closes);
  }
  for (const key of MACRO) {
    const s = set[key];
    if (!s) continue;
    out[key] = upTo(s, opts.macroDays);
    seriesCache.macro[key] = { [s.source]: cached(out[key]!) };
  }
  const coins = Object.keys(out.coins!)
    .filter((sym) => sym !== 'BTC')
    .map((symbol) => ({ symbol, marketCap: 1e9 }));
  const universes = { [day]: { coins, provider: 'fixture', fetchedAt: opts.fetchedAt } };
  return { seriesCache, universes, set: out };
}

/**
 * `base` ranking the top 100: the fixture universe (76 altcoins, equal caps) is then counted whole, which is the
 * CLI's "every given coin" on the same data, so snapshots built by the CLI path match the worker's.
 */
export function universeSettings(base: Settings): Settings {
  const s = structuredClone(base);
  s.asi.preset = 'top100-90d';
  s.asi.topN = ASI_PRESETS['top100-90d'].topN;
  s.asi.windowDays = ASI_PRESETS['top100-90d'].windowDays;
  return s;
}

/**
 * The popup's seed (its test and its bench): the real series as the worker would hold them on 2025-09-19 (altseason
 * on real data), coins 400 days back, the rest 4,000, with the universe recorded that day. series/ has no TOTAL3:
 * the worker's TOTAL3 history from series-full, for the TOTAL3-vs-BTC chart.
 */
export function popupSeed(day: Day = '2025-09-19'): WorkerStorage & { settings: Settings } {
  const real = { ...realSeries() };
  real.total3 ??= loadSeriesDir(REAL_SERIES_FULL).total3;
  const stored = workerStorage(real, day, {
    coinDays: 400,
    macroDays: 4000,
    fetchedAt: Date.parse(`${day}T11:59:00Z`),
  });
  return { ...stored, settings: universeSettings(defaultSettings()) };
}
