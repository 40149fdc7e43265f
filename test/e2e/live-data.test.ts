/**
 * The built extension in real Chromium against the API emulator (the real API host names mapped to it):
 * from empty storage to a complete snapshot, a warm incremental refresh, and the last good data kept
 * with its age when every source fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toDay } from '../../lib/series/dates';
import { SKIP, startWorld, suiteName, type Chromeish, type World } from '../support/e2e';

describe.skipIf(SKIP)(suiteName('live data from the API emulator'), () => {
  let w: World;
  // The real data's newest complete day (all 77 coins) is moved to just after yesterday, by whole weeks.
  const yesterday = () => addDays(toDay(w.startedAt), -1);

  beforeAll(async () => {
    w = await startWorld();
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('goes from empty storage to a complete snapshot on install', async () => {
    const s = await w.waitForSnapshot();
    const e = s.evaluation;
    expect(e.asi?.asOf).toBe(yesterday());
    expect(e.asi && 'stale' in e.asi && e.asi.stale).toBe(false);
    expect(e.phase.stage).not.toBe('unknown');
    for (const k of ['russell', 'dominance', 'ethbtc', 'fearGreed', 'total3'] as const)
      expect([k, e[k]?.value]).toEqual([k, expect.any(Number)]);
    expect(s.sparklines.asi.length).toBeGreaterThan(60);
    expect(w.emu.requests.length).toBeLessThanOrEqual(70);
    const alarms = await w.ext.serviceWorker.evaluate(() =>
      (globalThis as unknown as Chromeish).chrome.alarms.getAll(),
    );
    expect(alarms.map((a) => [a.name, a.periodInMinutes])).toEqual([['regime-lens-refresh', 60]]);
  });

  it('refreshes incrementally: a warm refresh asks for little', async () => {
    const before = await w.snapshot();
    w.emu.resetLog();
    expect(await w.refreshNow()).toMatchObject({ ok: true, failed: [] });
    const after = await w.waitForSnapshot((x) => x.computedAt > before!.computedAt, 'the warm refresh');
    expect(w.emu.requests.length).toBeLessThanOrEqual(8);
    expect(w.emu.requests.reduce((a, q) => a + q.bytes, 0)).toBeLessThanOrEqual(300 * 1024);
    expect(after.evaluation.asi?.value).toBe(before!.evaluation.asi?.value);
  });

  it('keeps the last good snapshot, with its age, when every source fails', async () => {
    const good = await w.snapshot();
    for (const host of w.emu.apiHosts) w.emu.setFault(host, { status: 500 });
    // Drop the caches so that every source is due and asked (and fails): only the snapshot is left.
    await w.ext.serviceWorker.evaluate(() =>
      (globalThis as unknown as Chromeish).chrome.storage.local.remove(['seriesCache', 'universes', 'refreshMeta']),
    );
    w.emu.resetLog();
    // Nothing answered: the worker says so (the popup shows "Not refreshed: …"), naming the providers.
    expect(await w.refreshNow()).toMatchObject({
      ok: false,
      answered: 0,
      failed: expect.arrayContaining(['Yahoo Finance', 'Binance market data', 'alternative.me']),
    });
    const s = await w.waitForSnapshot(
      (x) => Object.values(x.sources).some((st) => (st.lastError?.at ?? 0) > good!.computedAt),
      'the failed refresh',
    );
    expect(w.emu.requests.length).toBeGreaterThanOrEqual(5);
    expect(w.emu.requests.every((q) => q.status === 500)).toBe(true);
    // Binance is asked for dozens of candles at once; under a wall of 500s Chromium sometimes reports
    // one of those connections as a network failure first. Either way it is an error, never data.
    expect(['http', 'network']).toContain(s.sources.binance?.lastError?.kind);
    expect(s.sources.yahoo?.lastError?.kind).toBe('http');
    expect(s.evaluation.asi?.value).toBe(good!.evaluation.asi?.value);
    expect(s.evaluation.russell?.close).toBe(good!.evaluation.russell?.close);
    expect(s.computedAt).toBe(good!.computedAt); // its age stays visible: computed then, not now
    expect(w.ext.errors).toEqual([]);
  });
});
