/*
 * The popup's views: header, tiles, charts, coins, sources, phase log and evidence, one file each.
 * Flow: provider → cache → engine → snapshot → storage → views; the popup reads the stored snapshot and
 * caches (entrypoints/popup wires them) and every view gets its data and text through props.
 */
import type { Format } from '@/lib/format/format';
import type { Translate } from '@/lib/i18n/translate';
import type { RussellState } from '@/lib/signals/russell';

/** What every popup view needs to write text: translations, locale formats and the current time. */
export interface ViewCtx {
  t: Translate;
  f: Format;
  /** Epoch ms the page was rendered at (ages are relative to it). */
  now: number;
}

/** i18n keys of enumerations shown in the popup (stage names live in common.json, zones in alerts.json). */
export { zoneKey } from '@/lib/alerts/detect';
export { stageKey } from '@/lib/phase/stage';
export const russellStateKey = (s: RussellState) => `popup_russell_${s.replace(/-/g, '_')}`;
