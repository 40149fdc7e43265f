import type { Translate } from './i18n/translate';
import { badgeModel, type StoredSettings } from './badge/model';
import { STAGE_COLOR } from './badge/stage-style';
import { usableSnapshot } from './badge/state';
import type { Snapshot } from './snapshot/types';

/**
 * The toolbar (action) badge: the ASI as text ("?" when unknown, never 0), the stage as background
 * colour, and a one-line summary as the title. Pure: the worker passes the snapshot, a translate
 * function and, for the age in the title, the time.
 */
export function toolbarBadge(
  snapshot: Snapshot | null,
  t: Translate,
  now: number = Date.now(),
  settings?: StoredSettings,
): { text: string; color: string; title: string } {
  // A malformed snapshot reads as none: the badge says "?" rather than guessing.
  const m = badgeModel(usableSnapshot(snapshot), t, now, settings);
  return {
    text: m.asi.known ? m.asi.text : '?',
    color: STAGE_COLOR[m.stage],
    title: m.summary,
  };
}
