import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this module's own URL: the same under vitest, tsx (bench) and plain Node. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
/** Real market data copied from shared/fixtures/real (see its PROVENANCE.md). */
export const REAL = join(REPO_ROOT, 'test/fixtures/real');
export const REAL_SERIES = join(REAL, 'series');
export const REAL_SERIES_FULL = join(REAL, 'series-full');
