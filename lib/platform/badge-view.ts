import { storage } from 'wxt/utils/storage';
import { buildBadgeView, splitBadgeView } from '../badge/view';
import { badgePanelItem, badgeViewItem, snapshotItem, stageHistoryItem } from './items';
import type { Shell } from './shell';
import { loadSettings } from './store';

/**
 * Builds the badge view from what is stored (snapshot, stage history, settings) in the browser's UI language
 * and stores it for the content scripts. Called whenever one of those changes, on wake and after each scheduled
 * refresh (ages move on even when a refresh fails). Its two parts go in one storage call, so a page sees them
 * change together. A failure is logged: the badge keeps the view it had.
 */
export async function writeBadgeView(shell: Shell, now: number, log: (msg: string) => void): Promise<void> {
  try {
    const [snapshot, history, settings] = await Promise.all([
      snapshotItem.getValue(),
      stageHistoryItem.getValue(),
      loadSettings(log),
    ]);
    const { pill, part } = splitBadgeView(
      buildBadgeView({ snapshot, history, settings, t: shell.t, locale: shell.locale, now }),
    );
    await storage.setItems([
      { item: badgeViewItem, value: pill },
      { item: badgePanelItem, value: part },
    ]);
  } catch (e) {
    log(`Regime Lens: badge view not written: ${String((e as Error)?.message ?? e)}`);
  }
}
