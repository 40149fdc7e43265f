import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM, createWorker } from '../../../lib/worker/worker';
import { refreshStateItem, settingsItem, snapshotItem, seriesCacheItem } from '../../../lib/storage/items';
import { defaultSettings } from '../../../lib/settings/defaults';
import { startEmulator, type Emulator } from '../../support/emulator';
import { recordingShell } from '../../support/shell';

const T0 = Date.parse('2026-03-19T12:00:00Z');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  fakeBrowser.reset();
  emu.clearFaults();
  emu.resetLog();
  emu.setNow(T0);
});

const logs: string[] = [];
const worker = () => createWorker({ fetch: emu.fetch, now: () => emu.now, random: () => 0.5, log: (m) => logs.push(m), shell: recordingShell().shell });
const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

describe('background worker', { timeout: 30_000 }, () => {
  it('five simultaneous triggers make one refresh with at most one request per endpoint', async () => {
    const w = worker();
    await Promise.all([
      w.onAlarm({ name: ALARM }),
      w.onStartup(),
      w.onMessage({ type: 'refresh-now' }, popup),
      w.onMessage({ type: 'refresh-now' }, popup),
      w.refresh('test'),
    ]);
    const perUrl = new Map<string, number>();
    for (const q of emu.requests) perUrl.set(q.host + q.path, (perUrl.get(q.host + q.path) ?? 0) + 1);
    expect(Math.max(...perUrl.values())).toBe(1);
    expect(emu.count((q) => q.path.includes('symbol=BTCUSDT'))).toBe(1);
    const snap = await snapshotItem.getValue();
    expect(snap?.evaluation.phase.stage).not.toBe('unknown');
  });

  it('creates the alarm only when missing, from the settings interval, first run offset', async () => {
    const w = worker();
    await w.ensureAlarm();
    const first = await fakeBrowser.alarms.get(ALARM);
    expect(first?.periodInMinutes).toBe(60);
    expect(first!.scheduledTime).toBeGreaterThan(Date.now() + 60_000); // 1 + random × 30 minutes ahead
    await w.ensureAlarm();
    expect(await fakeBrowser.alarms.get(ALARM)).toBe(first); // untouched
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    await settingsItem.setValue({ ...defaultSettings(), refresh: { intervalMinutes: 30 } });
    await w.ensureAlarm();
    expect((await fakeBrowser.alarms.get(ALARM))?.periodInMinutes).toBe(30);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('a corrupt synced refresh setting still leaves one alarm (default interval) and a refresh, with a logged reason', async () => {
    for (const refresh of [null, 'hourly', { intervalMinutes: 'NaN' }, { intervalMinutes: 5 }]) {
      fakeBrowser.reset();
      await settingsItem.setValue({ ...defaultSettings(), refresh } as never);
      logs.length = 0;
      emu.resetLog();
      await worker().onInstalled();
      const alarm = await fakeBrowser.alarms.get(ALARM);
      expect(alarm?.periodInMinutes, JSON.stringify(refresh)).toBe(defaultSettings().refresh.intervalMinutes);
      expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
      expect(logs.some((l) => l.includes('stored settings invalid') && l.includes('refresh')), JSON.stringify(logs)).toBe(true);
      expect(emu.requests.length).toBeGreaterThan(0); // the refresh ran after the alarm
    }
  });

  it('ignores commands from content scripts and other extensions', async () => {
    const w = worker();
    expect(w.onMessage({ type: 'refresh-now' }, { id: fakeBrowser.runtime.id, url: 'https://www.tradingview.com/chart/', tab: {} })).toBeUndefined();
    expect(w.onMessage({ type: 'refresh-now' }, { id: 'someone-else', url: 'chrome-extension://x/popup.html' })).toBeUndefined();
    expect(emu.requests).toHaveLength(0);
  });

  it('discards a corrupt stored snapshot with a logged reason and rebuilds it', async () => {
    await fakeBrowser.storage.local.set({ snapshot: { version: 1, computedAt: 'yesterday' } });
    logs.length = 0;
    await worker().refresh('test');
    expect(logs.some((l) => l.includes('stored snapshot discarded (computedAt is not a time)'))).toBe(true);
    const snap = await snapshotItem.getValue();
    expect(typeof snap?.computedAt).toBe('number');
  });

  it('notices a refresh that was cut short, and saves nothing half-way', async () => {
    await refreshStateItem.setValue({ startedAt: T0 - 60_000, finishedAt: T0 - 3_600_000, lastError: null });
    logs.length = 0;
    await worker().refresh('test');
    expect(logs.some((l) => l.includes('was cut short'))).toBe(true);
    const state = await refreshStateItem.getValue();
    expect(state.finishedAt).toBeGreaterThanOrEqual(state.startedAt!);
    // the snapshot and the caches it was computed from were written together
    const [snap, cache] = await Promise.all([snapshotItem.getValue(), seriesCacheItem.getValue()]);
    expect(snap?.evaluation.asi?.asOf).toBe(cache.coins.BTC!.points.at(-1)![0]);
  });
});
