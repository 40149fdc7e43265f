/**
 * Issue 13 end to end: the built extension in real Chromium against the API emulator with the providers' real
 * rate limits (test/support/emulator/limits.ts, REAL_LIMITS: CoinGecko keyless 5 calls a rolling minute then 429
 * with Retry-After, Binance weight headers then 429/418, Yahoo 429 bursts, CoinMarketCap "system busy").
 *  - From empty storage with every limit on at once, the refreshes the worker schedules itself (install, then the
 *    one-shot retry alarm of each partial refresh) reach a complete snapshot, every coin of the universe counted.
 *    At each snapshot on the way the badge is honest: the ASI known only when every coin aimed at was counted or
 *    the shortfall is marked, else unknown.
 *  - With CoinGecko answering 429 to everything and CoinMarketCap busy, the universe cannot be fetched; once both
 *    are lifted (`emu.setLimits`, the fault cleared) the retry alarm alone brings the badge back, no user action.
 * Waits are for states (waitFor), never for a time; how long each took is printed with the timeline.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { BadgeView } from '../../lib/badge/view';
import type { Snapshot } from '../../lib/snapshot/types';
import type { RefreshMeta } from '../../lib/refresh/context';
import { COINGECKO_HOST } from '../support/emulator/routes/coingecko';
import { REAL_LIMITS } from '../support/emulator/limits';
import { SKIP, startWorld, suiteName, waitFor, type Chromeish, type World } from '../support/e2e';

const TV = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT';
const RETRY_ALARM = 'regime-lens-retry';

interface Seen {
  snapshot: Snapshot | undefined;
  meta: Partial<RefreshMeta> | undefined;
  view: BadgeView | null | undefined;
  alarms: { name: string; scheduledTime: number }[];
}

/** Snapshot, refresh meta, badge view and alarms read in one go from the worker, so they belong together. */
function seen(w: World): Promise<Seen> {
  return w.ext.serviceWorker.evaluate(async () => {
    const c = (globalThis as unknown as Chromeish).chrome;
    const got = await c.storage.local.get(null as unknown as string);
    const alarms = (await c.alarms.getAll()) as unknown as { name: string; scheduledTime: number }[];
    return { snapshot: got.snapshot, meta: got.refreshMeta, view: got.badgeView, alarms } as never;
  }) as Promise<Seen>;
}

const coverage = (s: Snapshot | undefined) => s?.evaluation.asi?.coverage;
const complete = (x: Seen) => {
  const c = coverage(x.snapshot);
  const viewed = x.view?.computedAt === x.snapshot?.computedAt;
  return Boolean(viewed && x.snapshot?.evaluation.asi?.value != null && c && c.counted === c.aimed && !x.meta?.partial);
};

/**
 * The badge view of `x` (built from its snapshot) is honest about the ASI: a number only when every coin aimed at
 * was counted, or with "k … N" said beside it; otherwise "?" (unknown). Returns what is wrong, or null.
 */
function dishonest(x: Seen): string | null {
  const s = x.snapshot;
  const v = x.view;
  if (!s || !v || v.computedAt !== s.computedAt) return null; // the view of another snapshot: judged on its own
  const asi = s.evaluation.asi;
  const c = asi?.coverage;
  if (!v.asi.known) return asi?.value == null ? null : `badge shows no ASI but the snapshot has ${asi.value}`;
  if (asi?.value == null) return `badge shows ASI ${v.asi.text} but the snapshot's is unknown`;
  if (!v.asi.text.includes(String(asi.value))) return `badge ASI ${v.asi.text} is not the snapshot's ${asi.value}`;
  if (!c || c.counted === c.aimed) return null;
  const mark = new RegExp(`\\b${c.counted}\\b\\D+\\b${c.aimed}\\b`);
  if (mark.test(`${v.asi.text} ${v.asi.aria} ${v.summary}`)) return null;
  return `badge shows ASI ${v.asi.text} counted ${c.counted} of ${c.aimed} without saying so`;
}

describe.skipIf(SKIP)(suiteName('real rate limits on every provider'), { timeout: 420_000 }, () => {
  let w: World | undefined;
  let tv: Page | undefined;
  afterEach(async () => {
    await tv?.close().catch(() => {});
    await w?.close();
    w = tv = undefined;
  });

  it('reaches a complete snapshot from empty storage under all real limits at once, the badge honest meanwhile', async () => {
    const t0 = Date.now();
    w = await startWorld(); // REAL_LIMITS by default
    const world = w;
    tv = await world.ext.context.newPage();
    await tv.goto(TV);
    const timeline: string[] = [];
    const wrong: string[] = [];
    const observed = new Map<number, Seen>();
    const done = await waitFor(
      async () => {
        const x = await seen(world);
        const s = x.snapshot;
        if (s && !observed.has(s.computedAt) && x.view?.computedAt === s.computedAt) {
          observed.set(s.computedAt, x);
          const c = coverage(s);
          const why = dishonest(x);
          if (why) wrong.push(why);
          timeline.push(
            `${((Date.now() - t0) / 1000).toFixed(0)} s: stage ${s.evaluation.phase.stage}, ASI ` +
              `${s.evaluation.asi?.value ?? '?'} counted ${c?.counted ?? '-'} of ${c?.aimed ?? '-'}, badge ` +
              `${x.view!.asi.text}, missing ${x.meta?.partial?.missing.length ?? 0}` +
              (x.meta?.partial ? `, retry in ${((x.meta.partial.retryAt - Date.now()) / 1000).toFixed(0)} s` : ''),
          );
        }
        return x;
      },
      complete,
      'a complete snapshot under the real limits',
      { timeout: 300_000, interval: 250 },
    );
    const took = Date.now() - t0;
    console.log(`limits e2e (a): complete after ${(took / 1000).toFixed(0)} s\n  ${timeline.join('\n  ')}`);

    // The limits were in force, and the extension kept to them: CoinGecko at most 5 calls in any rolling minute.
    expect(world.emu.limits).toEqual(REAL_LIMITS);
    const cg = world.emu.requests.filter((q) => q.host === COINGECKO_HOST).map((q) => q.at);
    const perMinute = Math.max(0, ...cg.map((t) => cg.filter((u) => u >= t && u < t + 60_000).length));
    expect(perMinute).toBeLessThanOrEqual(REAL_LIMITS.coingecko.calls);
    const limited = world.emu.requests.filter((q) => q.fault?.startsWith('limit:')).map((q) => q.fault);
    console.log(
      `  requests ${world.emu.requests.length}, CoinGecko ${cg.length} (max ${perMinute} in a minute), ` +
        `limited answers: ${JSON.stringify(limited)}`,
    );
    const s = done.snapshot!;
    const asi = s.evaluation.asi!;
    // Every coin counted: the universe aimed at is the top N (the settings' topN) of what the emulator serves.
    expect(asi.coverage!.counted).toBe(asi.coverage!.aimed);
    expect('topN' in asi && asi.coverage!.aimed).toBe('topN' in asi ? asi.topN : -1);
    expect(s.evaluation.phase.stage).not.toBe('unknown');
    // Complete: no retry pending.
    expect(done.alarms.map((a) => a.name)).not.toContain(RETRY_ALARM);
    expect(wrong).toEqual([]);

    // The badge on the page shows the complete snapshot's ASI.
    const badge = tv.locator('.badge[data-stage]');
    await badge.waitFor();
    await waitFor(
      () => badge.textContent(),
      (t) => (t ?? '').includes(String(asi.value)),
      "the badge to show the complete snapshot's ASI",
    );
    expect(world.ext.errors).toEqual([]);
  });

  /** CoinMarketCap busy on every call, CoinGecko 429 on every call: no universe can be fetched. */
  async function startBlocked(): Promise<{ world: World; page: Page; blocked: Seen }> {
    const world = await startWorld({
      limits: { ...REAL_LIMITS, cmc: { calls: 0, windowMs: 60_000 } },
      beforeLaunch: (emu) => emu.setFault(COINGECKO_HOST, { status: 429, retryAfter: '30' }),
    });
    w = world;
    const page = await world.ext.context.newPage();
    tv = page;
    await page.goto(TV);
    const blocked = await waitFor(
      () => seen(world),
      (x) => Boolean(x.snapshot && x.view?.computedAt === x.snapshot.computedAt && x.meta?.partial),
      'the install refresh, partial',
      { timeout: 120_000 },
    );
    return { world, page, blocked };
  }

  it('leaves the partial state at the first retry after CoinGecko and CoinMarketCap are back, without a user action', async () => {
    const t0 = Date.now();
    const { world, page, blocked } = await startBlocked();
    // The universe could not be fetched: the refresh says what it missed and when it asks again.
    expect(blocked.meta!.partial!.missing.length).toBeGreaterThan(0);
    const retry = blocked.alarms.find((a) => a.name === RETRY_ALARM);
    expect(Math.abs((retry?.scheduledTime ?? 0) - blocked.meta!.partial!.retryAt)).toBeLessThan(1000);
    const badge = page.locator('.badge[data-stage]');
    await badge.waitFor();
    const before = blocked.snapshot!.computedAt;
    const blockedAt = Date.now() - t0;

    // Lifted: the real limits only.
    world.emu.setFault(COINGECKO_HOST, null);
    world.emu.setLimits(REAL_LIMITS);
    const liftedAt = Date.now();
    const pendingRetry = (await seen(world)).alarms.find((a) => a.name === RETRY_ALARM)?.scheduledTime;
    expect(pendingRetry).toBeDefined();

    // The first refresh after the lift is the retry alarm (nothing else is due: the hourly alarm is later).
    const back = await waitFor(
      () => seen(world),
      (x) =>
        Boolean(
          x.snapshot &&
          x.snapshot.computedAt > before &&
          x.snapshot.computedAt >= liftedAt &&
          x.view?.computedAt === x.snapshot.computedAt,
        ),
      'the first refresh after the lift',
      { timeout: 300_000, interval: 250 },
    );
    const first = back.snapshot!;
    expect(first.computedAt).toBeGreaterThanOrEqual(Math.min(pendingRetry!, liftedAt));
    const hourly = back.alarms.find((a) => a.name === 'regime-lens-refresh')?.scheduledTime ?? Infinity;
    expect(first.computedAt).toBeLessThan(hourly);
    // Back in one refresh: every coin of the top N counted. What waits for CoinGecko's budget (the category pages
    // one at a time, TOTAL3) may still be missing: that refresh is partial and asks again by itself.
    const said = {
      asi: { ...first.evaluation.asi, coins: undefined, excluded: undefined },
      partial: back.meta?.partial,
    };
    const cov = first.evaluation.asi?.coverage;
    expect(first.evaluation.asi?.value, JSON.stringify(said)).toEqual(expect.any(Number));
    expect(cov && cov.counted === cov.aimed && cov.aimed === (first.evaluation.asi as { topN: number }).topN).toBe(
      true,
    );
    expect(back.view!.asi.known).toBe(true);
    expect(dishonest(back)).toBeNull();
    await waitFor(
      () => badge.textContent(),
      (t) => (t ?? '').includes(String(first.evaluation.asi!.value)),
      'the badge on the page to show the ASI',
    );
    // Then healed by the retry alarm alone: nothing missing, no retry pending.
    const healed = await waitFor(() => seen(world), complete, 'the partial refresh to heal', {
      timeout: 300_000,
      interval: 250,
    });
    expect(healed.alarms.map((a) => a.name)).not.toContain(RETRY_ALARM);
    expect(dishonest(healed)).toBeNull();
    const c = first.evaluation.asi!.coverage!;
    console.log(
      `limits e2e (b): blocked (partial, missing ${blocked.meta!.partial!.missing.join(' ')}) ` +
        `after ${(blockedAt / 1000).toFixed(0)} s; ` +
        `lifted; back after ${((first.computedAt - liftedAt) / 1000).toFixed(0)} s (retry alarm was due in ` +
        `${((pendingRetry! - liftedAt) / 1000).toFixed(0)} s): ASI ${first.evaluation.asi!.value} counted ` +
        `${c.counted} of ${c.aimed}, still missing ${back.meta?.partial?.missing.join(' ') ?? 'nothing'}; healed ` +
        `after ${((healed.snapshot!.computedAt - liftedAt) / 1000).toFixed(0)} s; ` +
        `test ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    expect(world.ext.errors).toEqual([]);
  });

  // Found by this test: with no universe recorded, the engine once counted the ASI over the coins cached for
  // other series (ETH), ASI 0 "counted 1 of 1"; lib/cache/series-set.ts now keeps only BTC until a universe is.
  it('while no universe can be fetched the ASI is unknown, never a number over the coins cached', async () => {
    const { blocked } = await startBlocked();
    const asi = blocked.snapshot!.evaluation.asi;
    expect(asi?.value ?? null, JSON.stringify({ ...asi, coins: undefined, excluded: undefined })).toBeNull();
    expect(blocked.view!.asi.known).toBe(false);
  });
});
