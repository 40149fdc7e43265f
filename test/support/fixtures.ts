import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeriesDir } from '../../lib/cli/load-dir';
import { parseSeriesCsv } from '../../lib/series/csv';
import { SERIES_FILES } from '../../lib/series/files';
import type { SeriesSet } from '../../lib/series/types';
import { REAL_SERIES } from './paths';

export { REAL, REAL_SERIES, REAL_SERIES_FULL } from './paths';

let cached: SeriesSet | undefined;
/** The real series directory through the product's own loader (cached: it is read-only). */
export function realSeries(): SeriesSet {
  return (cached ??= loadSeriesDir(REAL_SERIES));
}

/**
 * The real series with ETH/BTC as ethbtc.csv alone (last close 2024-02-29), as a set without ETH closes
 * to derive the later days from would carry it: the tests' example of a signal stale for years.
 */
export function realSeriesStaleEthBtc(): SeriesSet {
  const { file, spec } = SERIES_FILES.ethbtc;
  return { ...realSeries(), ethbtc: parseSeriesCsv(readFileSync(join(REAL_SERIES, file), 'utf8'), file, spec).series };
}
