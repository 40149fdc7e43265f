import { browser } from 'wxt/browser';
import { acceptCommand } from '../messages';
import type { FetchFn } from '../net/http';
import { runRefresh, type RefreshResult } from '../refresh/run';
import { refreshStateItem, settingsItem } from '../storage/items';
import { loadRefreshState, saveRefreshResult } from './store';

export const ALARM = 'regime-lens-refresh';

export interface WorkerDeps {
  fetch: FetchFn;
  now: () => number;
  random?: () => number;
  log?: (msg: string) => void;
}

/**
 * The background worker's behaviour, with the browser APIs it needs. Everything here may be cut off
 * at any moment by the browser; state lives in storage and each refresh is saved in one write.
 */
export function createWorker(deps: WorkerDeps) {
  const log = deps.log ?? console.warn;
  const random = deps.random ?? Math.random;
  let inflight: Promise<RefreshResult | null> | null = null;

  /** Any number of concurrent triggers share one refresh (single flight). */
  function refresh(reason: string): Promise<RefreshResult | null> {
    inflight ??= (async () => {
      try {
        const prev = await refreshStateItem.getValue();
        if (prev.startedAt !== null && (prev.finishedAt === null || prev.finishedAt < prev.startedAt)) {
          log(`Regime Lens: the refresh started at ${new Date(prev.startedAt).toISOString()} was cut short; its data was not saved`);
        }
        await refreshStateItem.setValue({ ...prev, startedAt: deps.now() });
        const state = await loadRefreshState(log);
        const result = await runRefresh(state, { fetch: deps.fetch, now: deps.now, random });
        await saveRefreshResult(result);
        await refreshStateItem.setValue({ startedAt: result.snapshot.computedAt, finishedAt: deps.now(), lastError: null });
        return result;
      } catch (err) {
        const message = `refresh (${reason}) failed: ${String((err as Error)?.message ?? err)}`;
        log(`Regime Lens: ${message}`);
        await refreshStateItem.setValue({ ...(await refreshStateItem.getValue()), lastError: message }).catch(() => {});
        return null;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  /** Creates the alarm only when missing or when the interval changed; the first run is offset at random. */
  async function ensureAlarm(): Promise<void> {
    const { refresh: r } = await settingsItem.getValue();
    const period = Math.max(15, r.intervalMinutes);
    const existing = await browser.alarms.get(ALARM);
    if (existing && existing.periodInMinutes === period) return;
    await browser.alarms.create(ALARM, { periodInMinutes: period, delayInMinutes: 1 + random() * Math.min(period, 30) });
  }

  return {
    refresh,
    ensureAlarm,
    onInstalled: async () => {
      await ensureAlarm();
      await refresh('installed');
    },
    onStartup: async () => {
      await ensureAlarm();
      await refresh('startup');
    },
    onAlarm: async (alarm: { name: string }) => {
      if (alarm.name === ALARM) await refresh('alarm');
    },
    /** Returns true for a handled command (the caller answers the sender), false to ignore. */
    onMessage: (msg: unknown, sender: { id?: string; url?: string; tab?: unknown }): Promise<{ ok: boolean }> | undefined => {
      const cmd = acceptCommand(msg, sender, browser.runtime.id, browser.runtime.getURL('/'));
      if (!cmd) return undefined;
      if (cmd.type === 'refresh-now') return refresh('popup').then((r) => ({ ok: r !== null }));
      if (cmd.type === 'open-details') return browser.action.openPopup().then(() => ({ ok: true }), () => ({ ok: false }));
      return undefined;
    },
  };
}
