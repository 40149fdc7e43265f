/**
 * The worker under faults in real Chromium: killed mid-refresh with CDP ServiceWorker.stopAllWorkers,
 * and a rate limit that must outlive the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  REFRESH_ALARM as ALARM,
  SKIP,
  startWorld,
  storageValue,
  suiteName,
  waitFor,
  type Chromeish,
  type WorldOptions,
  type World,
} from '../support/e2e';
import type { Snapshot } from '../../lib/snapshot/types';

describe.skipIf(SKIP)(suiteName('worker under faults'), { timeout: 240_000 }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
  });

  async function setup(o: WorldOptions = {}) {
    world = await startWorld(o);
    const page = await world.ext.context.newPage();
    await page.goto(world.ext.extensionUrl('popup.html'));
    const cdp = await world.ext.context.newCDPSession(page);
    return { e: world.emu, x: world.ext, page, cdp };
  }
  const until = (pred: () => Promise<boolean> | boolean, what: string) => waitFor(pred, Boolean, what);

  it('killed mid-refresh: nothing half-written, the next alarm runs exactly one refresh, one alarm', async () => {
    const { e, x, page, cdp } = await setup({ latencyMs: 400 });
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
    const snap = await world!.waitForSnapshot();
    // Settled, not slept on: that refresh is saved and nothing runs after it (refreshState is finished), and
    // the alarm has fired and is due again in an hour, so no trigger of this scenario is left to start another.
    await waitFor(
      () => storageValue<{ startedAt: number; finishedAt: number | null }>(x, 'refreshState'),
      (r) => (r?.finishedAt ?? 0) >= snap.computedAt && r!.finishedAt! >= r!.startedAt,
      'the alarm refresh to be saved',
    );
    const alarms = await waitFor(
      () =>
        page.evaluate(() => (globalThis as any).chrome.alarms.getAll()) as Promise<
          { name: string; scheduledTime: number }[]
        >,
      (a) => a.length === 1 && a[0]!.scheduledTime > Date.now() + 30 * 60_000,
      'the alarm to be due again in an hour',
    );
    expect(e.count((q) => q.path.includes('symbol=BTCUSDT'))).toBe(1);
    expect(alarms.map((a) => a.name)).toEqual([ALARM]);
    expect(x.errors).toEqual([]);
  });

  it('a 429 with Retry-After: 120 holds that provider off across a killed and restarted worker', async () => {
    const { e, x, page } = await setup({
      beforeLaunch: (emu) => emu.setFault('query1.finance.yahoo.com', { status: 429, retryAfter: '120' }),
    });
    await until(
      () => e.count('query1.finance.yahoo.com') >= 1 && e.count((q) => q.host === 'api.alternative.me') >= 1,
      'the first refresh',
    );
    await until(async () => {
      const st = (await page.evaluate(
        async () =>
          (await (globalThis as unknown as Chromeish).chrome.storage.local.get('providerState')).providerState,
      )) as Record<string, { retryAt: number }> | undefined;
      return (st?.yahoo?.retryAt ?? 0) > Date.now();
    }, 'the rate limit to be saved');
    const cdp = await x.context.newCDPSession(page);
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
