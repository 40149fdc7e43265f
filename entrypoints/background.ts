/*
 * The service worker, wiring only. Flow: provider → cache → engine → snapshot → storage → views; the worker
 * (lib/platform/worker.ts) runs the first four steps and writes storage. Every listener is registered
 * synchronously in main(), so the MV3 worker sees them on each wake-up.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { settingsItem, snapshotItem, stageHistoryItem } from '@/lib/platform/items';
import { createWorker } from '@/lib/platform/worker';

export default defineBackground({
  main() {
    const worker = createWorker({ fetch: (input, init) => fetch(input, init), now: Date.now });
    browser.runtime.onInstalled.addListener(() => void worker.onInstalled());
    browser.runtime.onStartup.addListener(() => void worker.onStartup());
    browser.alarms.onAlarm.addListener((alarm) => void worker.onAlarm(alarm));
    browser.runtime.onMessage.addListener((msg, sender) => worker.onMessage(msg, sender));
    browser.notifications.onClicked.addListener((id) => void worker.onNotificationClicked(id));
    settingsItem.watch(() => void worker.onSettingsChanged());
    for (const item of [snapshotItem, stageHistoryItem]) item.watch(() => void worker.onViewInputChanged());
    void worker.onWake();
  },
});
