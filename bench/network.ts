/**
 * Network benchmark, in Node against the local API emulator (test/support/emulator) with 100 ms of
 * latency per response: the product's refresh pipeline (lib/refresh/run.ts) for a cold start, a warm
 * refresh an hour later and the next day's refresh, a simulated day of hourly refreshes, and the same
 * ASI computed the naive way (one full-history request per coin at every refresh).
 */
import { PREFERENCE } from '../lib/cache/chains';
import type { CachedSeries, SeriesCache } from '../lib/cache/series-cache';
import { toSeriesSet } from '../lib/cache/series-set';
import { computeSignals } from '../lib/signals/signals';
import { createHostLimiter, limitFetch } from '../lib/net/limit';
import {
  nextRefreshState,
  emptyRefreshState,
  runRefresh,
  type RefreshResult,
  type RefreshState,
} from '../lib/refresh/run';
import { toDay } from '../lib/series/dates';
import { defaultSettings } from '../lib/settings/defaults';
import { BINANCE_MAX_LIMIT, binancePair, fetchBinanceCloses } from '../lib/sources/binance';
import { COINGECKO_MAX_DAYS, fetchCoingeckoMarketChart } from '../lib/sources/coingecko';
import { startEmulator, type Emulator, type LogEntry } from '../test/support/emulator';
import { REAL_LIMITS } from '../test/support/emulator/limits';

export const LATENCY_MS = 100;
/**
 * 12:00 UTC two days before the fixtures' coin data ends (58 of the 77 coins stop at 2026-03-18), so the
 * next day's candles exist for every coin, as they would on the real APIs.
 */
const T0 = Date.parse('2026-03-17T12:00:00Z');
/** After the fixtures end: the expected candle never comes (a halted or delisted coin looks like this). */
const AFTER_DATA = Date.parse('2026-03-20T01:00:00Z');
const HOUR = 3_600_000;

export interface Traffic {
  requests: number;
  bytes: number;
  wallMs: number;
  /** Requests and bytes per host. */
  byHost: Record<string, { requests: number; bytes: number }>;
  /** Klines requests and their bytes (one per coin when coins are due). */
  klines: { requests: number; bytes: number };
  asi: number | null;
}

export interface NetworkResult {
  latencyMs: number;
  cold: Traffic;
  warm: Traffic;
  nextDay: Traffic;
  /** 24 hourly refreshes after the cold start (the default interval is 60 min). */
  day: { refreshes: number; requests: number; bytes: number };
  naive: Traffic & { coins: number };
  /** Naive per refresh ÷ warm refresh. */
  ratio: { requests: number; bytes: number };
  /** Naive over a day (24 × one naive refresh) ÷ the product's day of refreshes. */
  dayRatio: { requests: number; bytes: number };
  sameAsi: boolean;
  /** Two hourly refreshes once the fixture data has ended: the second one's traffic (coins still due). */
  /** The refresh that first meets the missing candles (each such coin asked once, its backoff starts). */
  firstEmpty: Traffic & { at: string };
  /** The next hourly refresh: the waiting coins are backed off. */
  afterDataEnd: Traffic & { at: string };
  /**
   * Install → complete snapshot with every provider's real limit at once (REAL_LIMITS), on a simulated clock: each
   * partial refresh is followed by the next at its retry time, as the worker's retry alarm does. `ms` is that
   * simulated time plus the last refresh's wall time; `complete` false when 10 refreshes did not get there.
   */
  limited: { ms: number; refreshes: number; requests: number; limitedAnswers: number; complete: boolean };
}

const fresh = (): RefreshState => emptyRefreshState(defaultSettings());
const after = (r: RefreshResult): RefreshState => nextRefreshState(r, defaultSettings());

function traffic(log: readonly LogEntry[], wallMs: number, asi: number | null): Traffic {
  const byHost: Record<string, { requests: number; bytes: number }> = {};
  for (const q of log) {
    const h = (byHost[q.host] ??= { requests: 0, bytes: 0 });
    h.requests++;
    h.bytes += q.bytes;
  }
  const k = log.filter((q) => q.path.startsWith('/api/v3/klines'));
  return {
    requests: log.length,
    bytes: log.reduce((a, q) => a + q.bytes, 0),
    wallMs,
    byHost,
    klines: { requests: k.length, bytes: k.reduce((a, q) => a + q.bytes, 0) },
    asi,
  };
}

const asiOf = (r: RefreshResult) => {
  const a = r.snapshot.evaluation.asi;
  return a && a.value !== null ? a.value : null;
};

async function measured(emu: Emulator, state: RefreshState, now: number): Promise<{ r: RefreshResult; t: Traffic }> {
  emu.setNow(now);
  emu.resetLog();
  // Real sleeps and randomness (the product's own pacing); the simulated clock stays at `now`.
  const t = performance.now();
  const r = await runRefresh(state, { fetch: emu.fetch, now: () => now });
  const wall = performance.now() - t;
  return { r, t: traffic(emu.requests, wall, asiOf(r)) };
}

/**
 * The naive way: every refresh fetches each ASI coin's full history (Binance klines, limit 1000; the
 * coins Binance does not list from CoinGecko, 365 days), with the product's own per-host limit of 4
 * requests in flight, then computes the ASI from those closes with the same universe and engine.
 */
async function naiveRefresh(emu: Emulator, warm: RefreshResult, now: number): Promise<Traffic & { coins: number }> {
  emu.setNow(now);
  emu.resetLog();
  const fetchFn = limitFetch(emu.fetch, createHostLimiter());
  const t = performance.now();
  const coins: Record<string, CachedSeries> = {};
  await Promise.all(
    Object.entries(warm.cache.coins).map(async ([symbol, cached]) => {
      const r =
        cached.provider === 'coingecko' && warm.meta.coingeckoIds[symbol]
          ? await fetchCoingeckoMarketChart(fetchFn, {
              now,
              id: warm.meta.coingeckoIds[symbol]!,
              days: COINGECKO_MAX_DAYS,
            }).then((x) => (x.ok ? { ok: true as const, value: x.value.closes } : x))
          : await fetchBinanceCloses(fetchFn, { now, symbol: binancePair(symbol), limit: BINANCE_MAX_LIMIT });
      if (r.ok)
        coins[symbol] = {
          provider: cached.provider,
          source: r.value.source,
          points: r.value.points.map((p) => [p.date, p.value]),
          fetchedAt: now,
        };
    }),
  );
  const cache: SeriesCache = { ...warm.cache, coins };
  const today = toDay(now);
  const set = toSeriesSet(cache, warm.universes, PREFERENCE);
  const settings = defaultSettings();
  const asi = computeSignals(set, settings, today, today).asi;
  const wall = performance.now() - t;
  return {
    ...traffic(emu.requests, wall, asi && asi.value !== null ? asi.value : null),
    coins: Object.keys(warm.cache.coins).length,
  };
}

/** Issue 13: from empty storage under all real limits at once to a snapshot with nothing left to retry. */
export async function underLimits(): Promise<NetworkResult['limited']> {
  const emu = await startEmulator({ now: T0, latencyMs: LATENCY_MS, limits: REAL_LIMITS });
  try {
    let state = fresh();
    let now = T0;
    let requests = 0;
    let limitedAnswers = 0;
    for (let i = 1; i <= 10; i++) {
      const { r, t } = await measured(emu, state, now);
      requests += t.requests;
      limitedAnswers += emu.requests.filter((q) => q.fault?.startsWith('limit:')).length;
      const done = !r.meta.partial;
      if (done || i === 10) return { ms: now - T0 + t.wallMs, refreshes: i, requests, limitedAnswers, complete: done };
      now = r.meta.partial!.retryAt;
      state = after(r);
    }
    throw new Error('unreachable');
  } finally {
    await emu.close();
  }
}

export async function benchNetwork(): Promise<NetworkResult> {
  const limited = await underLimits();
  const emu = await startEmulator({ now: T0, latencyMs: LATENCY_MS });
  try {
    const cold = await measured(emu, fresh(), T0);
    const warm = await measured(emu, after(cold.r), T0 + HOUR);
    const naive = await naiveRefresh(emu, warm.r, T0 + HOUR);
    const nextDay = await measured(emu, after(warm.r), T0 + 24 * HOUR);

    // A day of hourly refreshes after the cold start (the 24th is the next-day one above, replayed).
    let state = after(cold.r);
    let requests = 0;
    let bytes = 0;
    for (let h = 1; h <= 24; h++) {
      const m = await measured(emu, state, T0 + h * HOUR);
      requests += m.t.requests;
      bytes += m.t.bytes;
      state = after(m.r);
    }
    const end1 = await measured(emu, state, AFTER_DATA);
    const end2 = await measured(emu, after(end1.r), AFTER_DATA + HOUR);
    const end3 = await measured(emu, after(end2.r), AFTER_DATA + 2 * HOUR);
    return {
      firstEmpty: { ...end2.t, at: new Date(AFTER_DATA + HOUR).toISOString() },
      afterDataEnd: { ...end3.t, at: new Date(AFTER_DATA + 2 * HOUR).toISOString() },
      latencyMs: LATENCY_MS,
      cold: cold.t,
      warm: warm.t,
      nextDay: nextDay.t,
      day: { refreshes: 24, requests, bytes },
      naive,
      ratio: {
        requests: naive.requests / Math.max(1, warm.t.requests),
        bytes: naive.bytes / Math.max(1, warm.t.bytes),
      },
      dayRatio: {
        requests: (24 * naive.requests) / Math.max(1, requests),
        bytes: (24 * naive.bytes) / Math.max(1, bytes),
      },
      sameAsi: naive.asi === warm.t.asi,
      limited,
    };
  } finally {
    await emu.close();
  }
}
