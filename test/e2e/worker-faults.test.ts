/**
 * The worker under faults in real Chromium: killed mid-refresh with CDP ServiceWorker.stopAllWorkers,
 * and a rate limit that must outlive the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startEmulator, weeksShift, type Emulator } from '../support/emulator';
import { ensureChromeBuild, SKIP, suiteName, type Chromeish } from '../support/e2e';
import type { Snapshot } from '../../lib/snapshot/types';

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const SHIFT = weeksShift('2026-03-18', yesterday);
const ALARM = 'regime-lens-refresh';

describe.skipIf(SKIP)(suiteName('worker under faults'), { timeout: 240_000 }, () => {
  let emu: Emulator | undefined;
  let ext: ExtensionBrowser | undefined;
  afterEach(async () => {
    await ext?.close();
    await emu?.close();
  });

  async function setup(latencyMs = 0) {
    ensureChromeBuild();
    emu = await startEmulator({ now: Date.now(), shiftDays: SHIFT, latencyMs });
    ext = await launchWithExtension({ extraArgs: emu.chromiumArgs });
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    const cdp = await ext.context.newCDPSession(page);
    return { e: emu, x: ext, page, cdp };
  }
  const until = async (pred: () => Promise<boolean> | boolean, what: string, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > end) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('killed mid-refresh: nothing half-written, the next alarm runs exactly one refresh, one alarm', async () => {
    const { e, x, page, cdp } = await setup(400);
    // the install refresh is under way once the first requests arrive (each answer takes 400 ms)
    await until(() => e.requests.length >= 3, 'the first refresh to start');
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stored = await page.evaluate(async () => {
      const c = (globalThis as unknown as Chromeish).chrome;
      return c.storage.local.get(null as unknown as string);
    });
    // the refresh saves its caches and snapshot in one write: killed before it, neither is there
    expect(stored.snapshot).toBeUndefined();
    expect(stored.seriesCache).toBeUndefined();
    expect((stored.refreshState as { startedAt: number | null } | undefined)?.startedAt).toBeGreaterThan(0);

    e.setLatency(0);
    e.resetLog();
    // make the refresh alarm due now (same name and period, as the worker would find it)
    await page.evaluate(
      (name) =>
        (globalThis as unknown as { chrome: { alarms: { create(n: string, i: object): void } } }).chrome.alarms.create(
          name,
          { when: Date.now() + 500, periodInMinutes: 60 },
        ),
      ALARM,
    );
    await until(async () => {
      const s = (await page.evaluate(
        async () => (await (globalThis as unknown as Chromeish).chrome.storage.local.get('snapshot')).snapshot,
      )) as Snapshot | undefined;
      return s !== undefined && s.evaluation.asi?.value != null;
    }, 'the alarm refresh to complete');
    await new Promise((r) => setTimeout(r, 1000));
    expect(e.count((q) => q.path.includes('symbol=BTCUSDT'))).toBe(1);
    const alarms = await page.evaluate(() => (globalThis as unknown as Chromeish).chrome.alarms.getAll());
    expect(alarms.map((a) => a.name)).toEqual([ALARM]);
    expect(x.errors).toEqual([]);
  });

  it('a 429 with Retry-After: 120 holds that provider off across a killed and restarted worker', async () => {
    ensureChromeBuild();
    emu = await startEmulator({ now: Date.now(), shiftDays: SHIFT });
    emu.setFault('query1.finance.yahoo.com', { status: 429, retryAfter: '120' });
    ext = await launchWithExtension({ extraArgs: emu.chromiumArgs });
    const e = emu;
    await until(
      () => e.count('query1.finance.yahoo.com') >= 1 && e.count((q) => q.host === 'api.alternative.me') >= 1,
      'the first refresh',
    );
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    await until(async () => {
      const st = (await page.evaluate(
        async () =>
          (await (globalThis as unknown as Chromeish).chrome.storage.local.get('providerState')).providerState,
      )) as Record<string, { retryAt: number }> | undefined;
      return (st?.yahoo?.retryAt ?? 0) > Date.now();
    }, 'the rate limit to be saved');
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    e.clearFaults();
    e.resetLog();
    // a new worker starts for the command and refreshes: everything may be asked but Yahoo
    const answer = await page.evaluate(() =>
      (globalThis as unknown as Chromeish).chrome.runtime.sendMessage({ type: 'refresh-now' }),
    );
    // Yahoo is named as backing off (its Retry-After still runs); nothing else was due again.
    expect(answer).toMatchObject({ failed: ['Yahoo Finance'] });
    expect(e.count((q) => q.host.endsWith('finance.yahoo.com'))).toBe(0);
    const snap = (await page.evaluate(
      async () => (await (globalThis as unknown as Chromeish).chrome.storage.local.get('snapshot')).snapshot,
    )) as Snapshot;
    expect(snap.sources.yahoo?.lastError?.kind).toBe('rate-limited');
  });
});
