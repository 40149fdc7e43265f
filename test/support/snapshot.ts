import { EMPTY_HYSTERESIS } from '../../lib/phase/hysteresis';
import { dayMs } from '../../lib/series/dates';
import type { Day, SeriesSet } from '../../lib/series/types';
import { defaultSettings, type Settings } from '../../lib/settings/defaults';
import { buildSnapshot } from '../../lib/snapshot/build';
import type { Snapshot } from '../../lib/snapshot/types';
import { realSeries } from './fixtures';

/**
 * Default settings with any ASI coverage accepted. After 2026-03-18 only 13 of the 77 fixture coins have closes,
 * so by default the ASI of those days (the only ones with series/'s sparse CoinGecko dominance) is unknown: for
 * tests of display and formatting that need a number there.
 */
export function anyCoverageSettings(): Settings {
  const s = defaultSettings();
  s.asi.minCoveragePct = 0;
  return s;
}

/**
 * A snapshot the way the worker builds it, from the REAL fixture series as of `day` (12:00 UTC),
 * for seeding views and end-to-end tests. `mutate` adjusts it for a scenario; `set` replaces the series.
 */
export function realSnapshot(
  day: Day = '2025-09-19',
  mutate?: (s: Snapshot) => void,
  settings: Settings = defaultSettings(),
  set: SeriesSet = realSeries(),
): Snapshot {
  const now = dayMs(day) + 12 * 3_600_000;
  const { snapshot } = buildSnapshot({
    set,
    settings,
    now,
    hysteresis: EMPTY_HYSTERESIS,
    sources: {
      binance: { lastSuccess: now - 60_000, lastError: null },
      yahoo: { lastSuccess: now - 60_000, lastError: null },
      'alternative.me': { lastSuccess: now - 60_000, lastError: null },
    },
    served: {
      russell: { provider: 'fixture', fetchedAt: now - 60_000 },
      coins: { provider: 'fixture', fetchedAt: now - 60_000 },
    },
    crossCheck: null,
  });
  mutate?.(snapshot);
  return snapshot;
}
