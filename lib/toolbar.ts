import type { Translate } from './i18n/translate';
import { badgeModel, freshness, type StoredSettings } from './badge/model';
import { STAGE_COLOR } from './badge/stage-style';
import { usableSnapshot } from './badge/state';
import type { Snapshot } from './snapshot/types';

/**
 * The toolbar (action) badge: the ASI as text ("?" when unknown, never 0), the stage as background
 * colour, and a one-line summary as the title. A stale ASI shows as the last value marked "79!" on
 * the "No data" colour (the stage is unknown when the ASI is stale, SIGNALS §4; docs/ENGINE.md),
 * and the title says which data is stale, of which day. Pure: the worker passes the snapshot, a
 * translate function and, for the age in the title, the time.
 */
export function toolbarBadge(
  snapshot: Snapshot | null,
  t: Translate,
  now: number = Date.now(),
  settings?: StoredSettings,
  /** The browser's UI language, for the numbers and dates in the title. */
  locale?: string,
): { text: string; color: string; title: string } {
  // A malformed snapshot reads as none: the badge says "?" rather than guessing.
  const snap = usableSnapshot(snapshot);
  const m = badgeModel(snap, t, now, settings, locale);
  const staleAsi = m.asi.known && freshness(snap, 'asi', now, settings)?.stale;
  return {
    text: !m.asi.known ? '?' : staleAsi ? `${m.asi.text}!` : m.asi.text,
    color: STAGE_COLOR[staleAsi ? 'unknown' : m.stage],
    title: m.stale ? `${m.summary}\n${m.stale.title}` : m.summary,
  };
}
