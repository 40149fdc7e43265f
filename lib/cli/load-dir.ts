import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseSeriesCsv, SeriesError } from '../series/csv';
import { withDerivedEthBtc } from '../series/ethbtc';
import { COIN_SPEC, COINS_DIR, SERIES_FILES } from '../series/files';
import type { CoinSeries, SeriesSet } from '../series/types';

/**
 * Reads a normalized series directory (SIGNALS.md §2). A missing file leaves that series undefined
 * (the signal is unknown, never zero); a malformed one throws a SeriesError naming file and line.
 * ETH/BTC is completed from coins/ETH.csv ÷ coins/BTC.csv on the days ethbtc.csv has no close.
 */
export function loadSeriesDir(dir: string): SeriesSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SeriesError(`series directory not found: ${dir}`);
  const set: SeriesSet = {};
  for (const [key, { file, spec }] of Object.entries(SERIES_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    set[key as keyof typeof SERIES_FILES] = parseSeriesCsv(readFileSync(path, 'utf8'), file, spec).series;
  }
  const coinsDir = join(dir, COINS_DIR);
  if (existsSync(coinsDir)) {
    const coins: Record<string, CoinSeries> = {};
    for (const name of readdirSync(coinsDir).sort()) {
      if (!name.toLowerCase().endsWith('.csv')) continue;
      const symbol = basename(name, '.csv').toUpperCase();
      const file = `${COINS_DIR}/${name}`;
      const parsed = parseSeriesCsv(readFileSync(join(coinsDir, name), 'utf8'), file, COIN_SPEC, `${COINS_DIR}/*.csv`);
      coins[symbol] = { symbol, closes: parsed.series, ...(parsed.extra ? { marketCaps: parsed.extra } : {}) };
    }
    if (Object.keys(coins).length > 0) set.coins = coins;
  }
  if (Object.keys(set).length === 0)
    throw new SeriesError(`no series files found in ${dir} (expected rut.csv, coins/*.csv, …)`);
  return withDerivedEthBtc(set);
}

/** First and last day with data across every series. */
export function dataRange(set: SeriesSet): { first: string; last: string } {
  let first = '9999-12-31';
  let last = '0000-01-01';
  const all = [
    set.rut,
    set.btcDominance,
    set.ethbtc,
    set.fearGreed,
    set.total3,
    set.etfFlowsBtc,
    set.etfFlowsEth,
    ...Object.values(set.coins ?? {}).map((c) => c.closes),
  ];
  for (const s of all) {
    const pts = s?.points;
    if (!pts || pts.length === 0) continue;
    if (pts[0]!.date < first) first = pts[0]!.date;
    if (pts[pts.length - 1]!.date > last) last = pts[pts.length - 1]!.date;
  }
  return { first, last };
}
