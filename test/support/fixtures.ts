import { loadSeriesDir } from '../../lib/cli/load-dir';
import type { SeriesSet } from '../../lib/series/types';
import { REAL_SERIES } from './paths';

export { REAL, REAL_SERIES, REAL_SERIES_FULL } from './paths';

let cached: SeriesSet | undefined;
/** The real series directory through the product's own loader (cached: it is read-only). */
export function realSeries(): SeriesSet {
  return (cached ??= loadSeriesDir(REAL_SERIES));
}
