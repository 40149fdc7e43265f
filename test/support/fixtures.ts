import { resolve } from 'node:path';
import { loadSeriesDir } from '../../lib/cli/load-dir';
import type { SeriesSet } from '../../lib/series/types';

/** Real market data copied from shared/fixtures/real (see its PROVENANCE.md). */
export const REAL = resolve(__dirname, '../fixtures/real');
export const REAL_SERIES = resolve(REAL, 'series');

let cached: SeriesSet | undefined;
/** The real series directory through the product's own loader (cached: it is read-only). */
export function realSeries(): SeriesSet {
  return (cached ??= loadSeriesDir(REAL_SERIES));
}
