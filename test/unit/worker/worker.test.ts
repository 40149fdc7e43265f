import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM, createWorker } from '../../../lib/platform/worker';
import { refreshStateItem, settingsItem, snapshotItem, seriesCacheItem } from '../../../lib/platform/items';
import { defaultSettings } from '../../../lib/settings/defaults';
import { startEmulator, type Emulator } from '../../support/emulator';
import { recordingShell } from '../../support/shell';
import type { Snapshot } from '../../../lib/snapshot/types';

const T0 = Date.parse('2026-03-19T12:00:00Z');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(() => {
  fakeBrowser.reset();
  emu.clearFaults();
  emu.resetLog();
  emu.setNow(T0);
});

const logs: string[] = [];
const worker = () =>
  createWorker({
    fetch: emu.fetch,
    now: () => emu.now,
    random: () => 0.5,
    log: (m) => logs.push(m),
    shell: recordingShell().shell,
  });
const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

/** Every object written to local storage from now on (one `set` call each), in order. */
function recordWrites(): Record<string, unknown>[] {
  const writes: Record<string, unknown>[] = [];
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
    writes.push(structuredClone(items));
    return set(items);
  });
  return writes;
}

describe('background worker', { timeout: 30_000 }, () => {
  it('answers "refresh now" with what happened: refreshed, or no source answered (never "refreshed" then)', async () => {
    const w = worker();
    expect(await w.onMessage({ type: 'refresh-now' }, popup)).toMatchObject({ ok: true, failed: [] });
    // The next day, with every API host failing: the pipeline keeps the last data, but nothing was fetched.
    emu.setNow(T0 + 86_400_000);
    for (const h of emu.apiHosts) emu.setFault(h, { status: 500 });
    const reply = (await w.onMessage({ type: 'refresh-now' }, popup)) as {
      ok: boolean;
      failed: string[];
      answered: number;
    };
    expect(reply.ok).toBe(false);
    expect(reply.answered).toBe(0);
    expect(reply.failed).toEqual(expect.arrayContaining(['Binance market data', 'Yahoo Finance']));
  });

  it('five simultaneous triggers make one refresh with at most one request per endpoint', async () => {
    const writes = recordWrites();
    const w = worker();
    await Promise.all([
      w.onAlarm({ name: ALARM }),
      w.onStartup(),
      w.onMessage({ type: 'refresh-now' }, popup),
      w.onMessage({ type: 'refresh-now' }, popup),
      w.refresh('test'),
    ]);
    // exactly one refresh ran: one start mark, one saved snapshot (later refreshes would send nothing,
    // as nothing is due, so the request counts alone cannot tell)
    expect(writes.filter((w) => 'refreshState' in w)).toHaveLength(2); // its start and its end
    expect(writes.filter((w) => 'snapshot' in w)).toHaveLength(1);
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
      expect(
        logs.some((l) => l.includes('stored settings invalid') && l.includes('refresh')),
        JSON.stringify(logs),
      ).toBe(true);
      expect(emu.requests.length).toBeGreaterThan(0); // the refresh ran after the alarm
    }
  });

  it('ignores commands from content scripts and other extensions', async () => {
    const w = worker();
    expect(
      w.onMessage(
        { type: 'refresh-now' },
        { id: fakeBrowser.runtime.id, url: 'https://www.tradingview.com/chart/', tab: {} },
      ),
    ).toBeUndefined();
    expect(
      w.onMessage({ type: 'refresh-now' }, { id: 'someone-else', url: 'chrome-extension://x/popup.html' }),
    ).toBeUndefined();
    expect(emu.requests).toHaveLength(0);
  });

  it('discards a corrupt stored snapshot with a logged reason and rebuilds it', async () => {
    await fakeBrowser.storage.local.set({ snapshot: { version: 2, computedAt: 'yesterday' }, snapshot$: { v: 2 } });
    logs.length = 0;
    await worker().refresh('test');
    expect(logs.some((l) => l.includes('stored snapshot discarded (computedAt is not a time)'))).toBe(true);
    const snap = await snapshotItem.getValue();
    expect(typeof snap?.computedAt).toBe('number');
  });

  it('notices a refresh that was cut short, and saves nothing half-way', async () => {
    // the old state: a complete refresh a day earlier
    await worker().refresh('test');
    const old = await fakeBrowser.storage.local.get(null);
    const oldSnap = old.snapshot as Snapshot;
    const T1 = T0 + 24 * 3_600_000;
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let killPoints = 0;
    // The worker is killed at every storage write of the next day's refresh, once before the write lands
    // and once right after it: the first write after the fetches is the save itself.
    for (let k = 1; ; k++) {
      let completed = false;
      for (const lands of [false, true]) {
        await fakeBrowser.storage.local.clear();
        await realSet(structuredClone(old));
        emu.setNow(T1);
        let calls = 0;
        let kill!: () => void;
        const killed = new Promise<void>((r) => (kill = r));
        vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
          if (++calls !== k) return realSet(items);
          if (lands) await realSet(items);
          kill();
          return new Promise<void>(() => {}); // the worker is gone: nothing after this runs
        });
        const outcome = await Promise.race([
          killed.then(() => 'killed'),
          worker()
            .refresh('test')
            .then(() => 'done'),
        ]);
        vi.restoreAllMocks();
        if (outcome === 'done') {
          completed = true;
          break;
        }
        killPoints++;
        const [snap, cache] = await Promise.all([snapshotItem.getValue(), seriesCacheItem.getValue()]);
        const btcLast = cache.coins.BTC!.points.at(-1)![0];
        // either the old set whole, or the new one whole: the snapshot was computed from the caches beside it
        if (snap!.computedAt === oldSnap.computedAt) {
          expect(snap, `kill at write ${k}`).toEqual(oldSnap);
          expect(cache, `kill at write ${k}`).toEqual(old.seriesCache);
        } else {
          expect(snap!.computedAt, `kill at write ${k}`).toBe(T1);
          expect(btcLast).toBe('2026-03-19');
        }
        expect(snap!.evaluation.asi && snap!.evaluation.asi.asOf).toBe(btcLast);
        // the restarted worker notices a start mark without its end, and completes the day
        logs.length = 0;
        const state = await refreshStateItem.getValue();
        const cut = state.startedAt !== null && (state.finishedAt === null || state.finishedAt < state.startedAt);
        emu.setNow(T1 + 60_000);
        await worker().refresh('test');
        expect(logs.some((l) => l.includes('was cut short'))).toBe(cut);
        const after = await snapshotItem.getValue();
        expect(after!.evaluation.asi && after!.evaluation.asi.asOf).toBe('2026-03-19');
        const done = await refreshStateItem.getValue();
        expect(done.finishedAt).toBeGreaterThanOrEqual(done.startedAt!);
      }
      if (completed) break;
    }
    // start mark, the save, end mark (and alert state), each before and after
    expect(killPoints).toBeGreaterThanOrEqual(6);
  });
});
