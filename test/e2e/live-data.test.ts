/**
 * The built extension in real Chromium against the API emulator (the real API host names mapped to it):
 * from empty storage to a complete snapshot, a warm incremental refresh, and the last good data kept
 * with its age when every source fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startEmulator, weeksShift, type Emulator } from '../support/emulator';
import { ensureChromeBuild, SKIP, suiteName } from '../support/e2e';
import type { Snapshot } from '../../lib/snapshot/types';
import type { Chromeish } from '../support/e2e';

// The real data's newest complete day (all 77 coins) is moved to just after yesterday, by whole weeks.
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const SHIFT = weeksShift('2026-03-18', yesterday);

describe.skipIf(SKIP)(suiteName('live data from the API emulator'), () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;

  const snapshot = () =>
    ext.serviceWorker.evaluate(
      async () => (await (globalThis as unknown as Chromeish).chrome.storage.local.get('snapshot')).snapshot,
    ) as Promise<Snapshot | undefined>;
  async function waitFor(pred: (s: Snapshot | undefined) => boolean, what: string, ms = 60_000): Promise<Snapshot> {
    const end = Date.now() + ms;
    for (;;) {
      const s = await snapshot();
      if (pred(s)) return s!;
      if (Date.now() > end)
        throw new Error(`timed out waiting for ${what}; last snapshot computed at ${s?.computedAt}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  /** "Refresh now" from an extension page, as the popup's button sends it. */
  async function refreshNow() {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    const answer = await page.evaluate(() =>
      (globalThis as unknown as Chromeish).chrome.runtime.sendMessage({ type: 'refresh-now' }),
    );
    await page.close();
    return answer as { ok: boolean };
  }

  beforeAll(async () => {
    ensureChromeBuild();
    emu = await startEmulator({ now: Date.now(), shiftDays: SHIFT });
    ext = await launchWithExtension({ extraArgs: emu.chromiumArgs });
  }, 180_000);

  afterAll(async () => {
    await ext?.close();
    await emu?.close();
  });

  it('goes from empty storage to a complete snapshot on install', async () => {
    const s = await waitFor(
      (x) => x?.evaluation.phase.stage !== undefined && x.evaluation.asi?.value != null,
      'the first snapshot',
    );
    const e = s.evaluation;
    expect(e.asi?.asOf).toBe(yesterday);
    expect(e.asi && 'stale' in e.asi && e.asi.stale).toBe(false);
    expect(e.phase.stage).not.toBe('unknown');
    for (const k of ['russell', 'dominance', 'ethbtc', 'fearGreed', 'total3'] as const)
      expect([k, e[k]?.value]).toEqual([k, expect.any(Number)]);
    expect(s.sparklines.asi.length).toBeGreaterThan(60);
    expect(emu.requests.length).toBeLessThanOrEqual(70);
    const alarms = await ext.serviceWorker.evaluate(() => (globalThis as unknown as Chromeish).chrome.alarms.getAll());
    expect(alarms.map((a) => [a.name, a.periodInMinutes])).toEqual([['regime-lens-refresh', 60]]);
  });

  it('refreshes incrementally: a warm refresh asks for little', async () => {
    const before = await snapshot();
    emu.resetLog();
    emu.setNow(Date.now());
    expect(await refreshNow()).toMatchObject({ ok: true, failed: [] });
    const after = await waitFor((x) => (x?.computedAt ?? 0) > before!.computedAt, 'the warm refresh');
    expect(emu.requests.length).toBeLessThanOrEqual(8);
    expect(emu.requests.reduce((a, q) => a + q.bytes, 0)).toBeLessThanOrEqual(300 * 1024);
    expect(after.evaluation.asi?.value).toBe(before!.evaluation.asi?.value);
  });

  it('keeps the last good snapshot, with its age, when every source fails', async () => {
    const good = await snapshot();
    for (const host of emu.apiHosts) emu.setFault(host, { status: 500 });
    // Drop the caches so that every source is due and asked (and fails): only the snapshot is left.
    await ext.serviceWorker.evaluate(() =>
      (globalThis as unknown as Chromeish).chrome.storage.local.remove(['seriesCache', 'universes', 'refreshMeta']),
    );
    emu.resetLog();
    // Nothing answered: the worker says so (the popup shows "Not refreshed: …"), naming the providers.
    expect(await refreshNow()).toMatchObject({
      ok: false,
      answered: 0,
      failed: expect.arrayContaining(['Yahoo Finance', 'Binance market data', 'alternative.me']),
    });
    const s = await waitFor(
      (x) => Object.values(x?.sources ?? {}).some((st) => (st.lastError?.at ?? 0) > good!.computedAt),
      'the failed refresh',
    );
    expect(emu.requests.length).toBeGreaterThanOrEqual(5);
    expect(emu.requests.every((q) => q.status === 500)).toBe(true);
    // Binance is asked for dozens of candles at once; under a wall of 500s Chromium sometimes reports
    // one of those connections as a network failure first. Either way it is an error, never data.
    expect(['http', 'network']).toContain(s.sources.binance?.lastError?.kind);
    expect(s.sources.yahoo?.lastError?.kind).toBe('http');
    expect(s.evaluation.asi?.value).toBe(good!.evaluation.asi?.value);
    expect(s.evaluation.russell?.close).toBe(good!.evaluation.russell?.close);
    expect(s.computedAt).toBe(good!.computedAt); // its age stays visible: computed then, not now
    expect(ext.errors).toEqual([]);
  });
});
