import { withDerivedEthBtc } from '../series/ethbtc';
import type { CoinSeries, Day, Point, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { PREFERENCE } from './chains';
import { pickSource, sourceFreshness, type SourceFreshness } from './freshness';
import { toSeries, type MacroKey, type SeriesCache, type UniverseSnapshot } from './series-cache';

/**
 * What the engine reads on `today`: each macro signal along its chain (the primary while it is not stale).
 * The refresh, the re-evaluation, the charts and the evidence all read the caches through this one call.
 */
export function engineSeries(
  cache: SeriesCache,
  universes: Record<Day, UniverseSnapshot> | null | undefined,
  settings: Settings,
  today: Day,
): SeriesSet {
  // Read from storage by the views: anything but an object is no universe.
  const u = universes && typeof universes === 'object' ? universes : {};
  return toSeriesSet(cache, u, PREFERENCE, sourceFreshness(settings, today));
}

/**
 * The engine's input from the caches. Universe snapshots become per-day market caps, so the ASI of a
 * past day uses that day's universe wherever the extension recorded one. With `freshness`, each macro
 * signal reads its primary while that is not stale (see pickSource).
 */
export function toSeriesSet(
  cache: SeriesCache,
  universes: Record<Day, UniverseSnapshot>,
  preference: Partial<Record<MacroKey, readonly string[]>> = {},
  freshness?: SourceFreshness,
): SeriesSet {
  const set: SeriesSet = {};
  for (const k of Object.keys(cache.macro) as MacroKey[]) {
    const c = pickSource(
      cache.macro[k],
      preference[k] ?? [],
      freshness && { today: freshness.today, maxAgeDays: freshness.maxAgeDays[k] },
    );
    if (c) set[k] = toSeries(c);
  }
  const caps = new Map<string, Point[]>();
  const cats = new Map<string, string[]>();
  for (const day of Object.keys(universes).sort()) {
    for (const c of universes[day]!.coins) {
      const list = caps.get(c.symbol) ?? [];
      list.push({ date: day, value: c.marketCap });
      caps.set(c.symbol, list);
      if (c.categories?.length) cats.set(c.symbol, c.categories);
    }
  }
  const coins: Record<string, CoinSeries> = {};
  for (const [symbol, c] of Object.entries(cache.coins)) {
    const mc = caps.get(symbol);
    const categories = cats.get(symbol);
    coins[symbol] = {
      symbol,
      closes: toSeries(c),
      ...(mc ? { marketCaps: { source: 'universe snapshots', points: mc } } : {}),
      ...(categories ? { categories } : {}),
    };
  }
  // Coins of the universe without cached closes (excluded ones are never fetched) still enter the
  // engine, so "what was excluded and why" lists them.
  for (const [symbol, mc] of caps) {
    if (coins[symbol]) continue;
    const categories = cats.get(symbol);
    coins[symbol] = {
      symbol,
      closes: { source: 'no closes', points: [] },
      marketCaps: { source: 'universe snapshots', points: mc },
      ...(categories ? { categories } : {}),
    };
  }
  if (Object.keys(coins).length > 0) set.coins = coins;
  // ETH/BTC by the one rule (SIGNALS.md §2): ETH ÷ BTC of the cached closes where the pair has no close.
  const derived = withDerivedEthBtc(set);
  // The extension's ASI universe is its recorded universes. With none recorded yet (the universe not fetched),
  // the coins cached for other series (ETH for ETH/BTC) are no universe: "every given coin" (SIGNALS.md §3) is
  // the CLI's fixed lists, and here it made an ASI over one coin. Only BTC stays, so the ASI is unknown.
  if (caps.size === 0 && derived.coins) derived.coins = derived.coins.BTC ? { BTC: derived.coins.BTC } : undefined;
  return derived;
}
