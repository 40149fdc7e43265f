/*
 * The platform layer: the only code that calls extension APIs (storage items, alarms, messages, icon).
 * Flow: provider → cache → engine → snapshot → storage → views; the worker here runs the refresh on alarms
 * and commands and writes storage (./store.ts, ./items.ts); entrypoints/background.ts only wires it.
 */
import { browser } from 'wxt/browser';
import { acceptCommand } from '../messages';
import type { FetchFn } from '../net/http';
import { runRefresh, type RefreshResult } from '../refresh/run';
import { toolbarBadge } from '../toolbar';
import { refreshReply, type RefreshReply } from '../refresh/outcome';
import { reevaluate } from '../refresh/reevaluate';
import { isSnapshot } from '../snapshot/validate';
import { refreshStateItem, settingsItem, snapshotItem } from './items';
import { logEvidence } from './evidence-log';
import { writeBadgeView } from './badge-view';
import { publish } from './publish';
import { browserShell, type Shell } from './shell';
import { recordStageHistory } from './stage-history';
import { loadRefreshState, loadSettings, saveEvaluation, saveRefreshResult } from './store';

export const ALARM = 'regime-lens-refresh';
/** One-shot: a partial refresh (rate limits, a provider's hiccup) asks for what it missed this soon. */
export const RETRY_ALARM = 'regime-lens-retry';

export interface WorkerDeps {
  fetch: FetchFn;
  now: () => number;
  random?: () => number;
  log?: (msg: string) => void;
  /** Toolbar, notifications, opening the details; the browser's by default. */
  shell?: Shell;
}

/**
 * The background worker's behaviour, with the browser APIs it needs. Everything here may be cut off
 * at any moment by the browser; state lives in storage and each refresh is saved in one write.
 */
export function createWorker(deps: WorkerDeps) {
  const log = deps.log ?? console.warn;
  const random = deps.random ?? Math.random;
  const shell = deps.shell ?? browserShell();
  let inflight: Promise<RefreshResult | null> | null = null;
  /** When the latest refresh started: its own errors are the ones dated from then on. */
  let startedAt = 0;
  // Everything that writes the snapshot runs one at a time, so a re-evaluation never interleaves
  // with a refresh (each would otherwise overwrite the other's result).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  /** Any number of concurrent triggers share one refresh (single flight). */
  function refresh(reason: string): Promise<RefreshResult | null> {
    inflight ??= exclusive(async () => {
      try {
        const prev = await refreshStateItem.getValue();
        if (prev.startedAt !== null && (prev.finishedAt === null || prev.finishedAt < prev.startedAt)) {
          log(
            `Regime Lens: the refresh started at ${new Date(prev.startedAt).toISOString()} was cut ` +
              `short; its data was not saved`,
          );
        }
        startedAt = deps.now();
        await refreshStateItem.setValue({ ...prev, startedAt });
        const state = await loadRefreshState(log);
        const result = await runRefresh(state, { fetch: deps.fetch, now: deps.now, random });
        await saveRefreshResult(result);
        await scheduleRetry(result.meta.partial?.retryAt ?? null);
        await refreshStateItem.setValue({
          startedAt: result.snapshot.computedAt,
          finishedAt: deps.now(),
          lastError: null,
        });
        // The history first: the views published next read it (the badge's strip).
        await recordStageHistory({ ...state, ...result, next: result.snapshot }, log);
        await publish(
          shell,
          { previous: state.previous, next: result.snapshot, settings: state.settings, now: deps.now() },
          log,
        );
        await logEvidence(
          { ...state, cache: result.cache, universes: result.universes, next: result.snapshot, now: deps.now() },
          log,
        );
        return result;
      } catch (err) {
        const message = `refresh (${reason}) failed: ${String((err as Error)?.message ?? err)}`;
        log(`Regime Lens: ${message}`);
        await refreshStateItem.setValue({ ...(await refreshStateItem.getValue()), lastError: message }).catch(() => {});
        return null;
      } finally {
        inflight = null;
      }
    });
    return inflight;
  }

  /** Today evaluated again from the caches (no request), e.g. after a settings change. */
  function reevaluateNow(reason: string): Promise<boolean> {
    return exclusive(async () => {
      try {
        const state = await loadRefreshState(log);
        const r = reevaluate(state, deps.now());
        if (!r) return false;
        await saveEvaluation(r.snapshot, r.change);
        await recordStageHistory({ ...state, next: r.snapshot }, log);
        await publish(
          shell,
          { previous: state.previous, next: r.snapshot, settings: state.settings, now: deps.now() },
          log,
        );
        return true;
      } catch (err) {
        log(`Regime Lens: re-evaluation (${reason}) failed: ${String((err as Error)?.message ?? err)}`);
        return false;
      }
    });
  }

  /** The toolbar badge from what is stored (a restarted browser shows it before any refresh). */
  async function syncToolbar(): Promise<void> {
    const [snap, settings] = await Promise.all([snapshotItem.getValue(), loadSettings(log)]);
    await shell
      .setToolbar(toolbarBadge(isSnapshot(snap) ? snap : null, shell.t, deps.now(), settings, shell.locale))
      .catch((e) => log(`Regime Lens: toolbar badge not set: ${String(e)}`));
  }

  /**
   * The partial refresh's one-shot retry, or none once a refresh is complete. Set after the refresh is
   * saved: a worker killed before that leaves the regular alarm, which asks for the same items.
   */
  async function scheduleRetry(at: number | null): Promise<void> {
    try {
      if (at === null) await browser.alarms.clear(RETRY_ALARM);
      else await browser.alarms.create(RETRY_ALARM, { when: at });
    } catch (e) {
      log(`Regime Lens: retry alarm not set: ${String(e)}`);
    }
  }

  /**
   * Creates the alarm only when missing or when the interval changed; the first run is offset at random.
   * Settings are validated first: a corrupt synced value must not throw here and leave no alarm.
   */
  async function ensureAlarm(): Promise<void> {
    const { refresh: r } = await loadSettings(log);
    const period = Math.max(15, r.intervalMinutes);
    const existing = await browser.alarms.get(ALARM);
    if (existing && existing.periodInMinutes === period) return;
    await browser.alarms.create(ALARM, {
      periodInMinutes: period,
      delayInMinutes: 1 + random() * Math.min(period, 30),
    });
  }

  /** The badge view again, coalescing changes that arrive together (snapshot, then history, then settings). */
  let viewQueued: Promise<void> | null = null;
  function badgeView(): Promise<void> {
    viewQueued ??= Promise.resolve().then(() => {
      viewQueued = null;
      return writeBadgeView(shell, deps.now(), log);
    });
    return viewQueued;
  }

  return {
    refresh,
    reevaluate: reevaluateNow,
    ensureAlarm,
    /** Each time the worker starts (also after the browser killed it). */
    onWake: () => Promise.all([syncToolbar(), badgeView()]).then(() => {}),
    /** The snapshot or the stage history changed (a refresh, a re-evaluation, a restore): the badge's view follows. */
    onViewInputChanged: () => badgeView(),
    /** A saved settings change takes effect at once: new alarm period, today evaluated again. */
    onSettingsChanged: async () => {
      await ensureAlarm();
      // The view first: a site switched off or another language reaches open pages without waiting for caches.
      await badgeView();
      await reevaluateNow('settings changed');
    },
    onNotificationClicked: async (id: string) => {
      await shell.clearNotification(id).catch(() => {});
      await shell.openDetails();
    },
    onInstalled: async () => {
      await ensureAlarm();
      await refresh('installed');
    },
    onStartup: async () => {
      await ensureAlarm();
      await refresh('startup');
    },
    onAlarm: async (alarm: { name: string }) => {
      if (alarm.name !== ALARM && alarm.name !== RETRY_ALARM) return;
      await refresh(alarm.name === ALARM ? 'alarm' : 'retry');
      // Ages in the view ("stale 3 d") move on even when the refresh failed and nothing else changed.
      await badgeView();
    },
    /** Returns true for a handled command (the caller answers the sender), false to ignore. */
    onMessage: (
      msg: unknown,
      sender: { id?: string; url?: string; tab?: unknown },
    ): Promise<{ ok: boolean }> | undefined => {
      const cmd = acceptCommand(msg, sender, browser.runtime.id, browser.runtime.getURL('/'));
      if (!cmd) return undefined;
      if (cmd.type === 'refresh-now')
        return refresh('popup').then((r): RefreshReply =>
          refreshReply(r?.snapshot ?? null, startedAt, r?.providerState, deps.now()),
        );
      if (cmd.type === 'open-details')
        return shell.openDetails().then(
          () => ({ ok: true }),
          () => ({ ok: false }),
        );
      return undefined;
    },
  };
}
