/**
 * The real fixture series and a real snapshot, as test/support/fixtures.ts and snapshot.ts build them
 * (those rely on vitest's `__dirname`; the benchmarks run as plain ES modules under tsx).
 */
import { fileURLToPath } from 'node:url';
import { loadSeriesDir } from '../lib/cli/load-dir';
import { EMPTY_HYSTERESIS } from '../lib/phase/hysteresis';
import { dayMs } from '../lib/series/dates';
import type { Day, SeriesSet } from '../lib/series/types';
import { defaultSettings } from '../lib/settings/defaults';
import { buildSnapshot } from '../lib/snapshot/build';
import type { Snapshot } from '../lib/snapshot/types';

export const REAL_SERIES = fileURLToPath(new URL('../test/fixtures/real/series', import.meta.url));

let cached: SeriesSet | undefined;
export function realSeries(): SeriesSet {
  return (cached ??= loadSeriesDir(REAL_SERIES));
}

/** A snapshot the way the worker builds it, from the real series as of `day` (12:00 UTC). */
export function realSnapshot(day: Day): Snapshot {
  const now = dayMs(day) + 12 * 3_600_000;
  const ok = { lastSuccess: now - 60_000, lastError: null };
  return buildSnapshot({
    set: realSeries(),
    settings: defaultSettings(),
    now,
    hysteresis: EMPTY_HYSTERESIS,
    sources: { binance: ok, yahoo: ok, 'alternative.me': ok },
    served: {
      russell: { provider: 'fixture', fetchedAt: now - 60_000 },
      coins: { provider: 'fixture', fetchedAt: now - 60_000 },
    },
    crossCheck: null,
  }).snapshot;
}
