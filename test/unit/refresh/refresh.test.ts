import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  nextRefreshState,
  emptyRefreshState,
  runRefresh,
  type RefreshResult,
  type RefreshState,
} from '../../../lib/refresh/run';
import { addDays, dayMs } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { startEmulator, type Emulator } from '../../support/emulator';
import { emulatorDeps, refreshOn } from '../../support/refresh';

const T0 = Date.parse('2026-03-19T12:00:00Z');
const HOUR = 3_600_000;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.clearFaults();
  emu.resetLog();
  emu.setNow(T0);
});

const fresh = (): RefreshState => emptyRefreshState(defaultSettings());

/** The state the next refresh reads after `r` was saved. */
const after = (r: RefreshResult, settings = defaultSettings()): RefreshState => nextRefreshState(r, settings);

const refresh = (state: RefreshState, now = emu.now) => refreshOn(emu, state, now);
/** Two refreshes 15 minutes apart: after a failure the first one only probes each provider once. */
const retry = async (state: RefreshState, now: number) => refresh(after(await refresh(state, now)), now + 15 * 60_000);
const bytes = () => emu.requests.reduce((a, r) => a + r.bytes, 0);

describe('refresh against the API emulator (real fixture data)', { timeout: 30_000 }, () => {
  it('cold start: a complete snapshot in at most 70 requests', async () => {
    const r = await refresh(fresh());
    const e = r.snapshot.evaluation;
    expect(emu.requests.length).toBeLessThanOrEqual(70);
    // CoinMarketCap's listing answered with its tags: none of CoinGecko's six category pages is spent
    expect(emu.count((q) => q.host === 'api.coingecko.com' && q.path.includes('category='))).toBe(0);
    // and CoinGecko's keyless budget holds: at most 5 calls in the refresh's (first) minute
    expect(emu.count('api.coingecko.com')).toBeLessThanOrEqual(5);
    expect(r.meta.partial).toBeUndefined();
    expect(e.russell?.close).toBeGreaterThan(0);
    expect(e.asi?.value).not.toBeNull();
    expect(e.asi && e.asi.value !== null && e.asi.counted).toBeGreaterThanOrEqual(40);
    expect(e.dominance?.value).toBeGreaterThan(0);
    expect(e.ethbtc?.value).toBeGreaterThan(0);
    expect(e.fearGreed?.value).toBeGreaterThanOrEqual(0);
    expect(e.total3?.value).toBeGreaterThan(0);
    expect(e.phase.stage).not.toBe('unknown');
    expect(r.snapshot.crossCheck?.cmcAsi).toBeGreaterThanOrEqual(0);
    expect(Object.keys(r.universes)).toEqual(['2026-03-19']);
    // exclusions applied from the universe: the stablecoin and wrapped tokens the emulator ranks high
    const excluded = e.asi && e.asi.value !== null ? e.asi.excluded.map((x) => x.symbol) : [];
    expect(excluded).toEqual(expect.arrayContaining(['USDT', 'USDC', 'WBTC']));
    // the engine's stale flags are judged against the real clock of the refresh
    expect(e.asi && e.asi.value !== null && e.asi.asOf).toBe('2026-03-18');
    expect(r.snapshot.sources.binance?.lastError).toBeNull();
    // the sources tab can name who served the universe and the cross-check
    expect(r.snapshot.served.universe).toEqual({ provider: 'coingecko', fetchedAt: T0 });
    expect(r.snapshot.served.crossCheck).toEqual({ provider: 'cmc', fetchedAt: T0 });
    console.info(`[refresh] cold start: ${emu.requests.length} requests, ${(bytes() / 1024).toFixed(0)} KB`);
  });

  it('warm refresh an hour later: at most 8 requests and 300 KB, same data', async () => {
    const cold = await refresh(fresh());
    emu.resetLog();
    const warm = await refresh(after(cold), T0 + HOUR);
    expect(emu.requests.length).toBeLessThanOrEqual(8);
    expect(bytes()).toBeLessThanOrEqual(300 * 1024);
    expect(warm.snapshot.evaluation.asi?.value).toBe(cold.snapshot.evaluation.asi?.value);
    console.info(`[refresh] warm: ${emu.requests.length} requests, ${(bytes() / 1024).toFixed(1)} KB`);
  });

  it('next day: fetches only the new candles (incremental), one small request per coin', async () => {
    const cold = await refresh(fresh());
    emu.resetLog();
    const next = await refresh(after(cold), T0 + 24 * HOUR);
    const klines = emu.requests.filter((q) => q.path.startsWith('/api/v3/klines'));
    expect(klines.length).toBeGreaterThan(0);
    expect(klines.every((q) => q.path.includes('startTime='))).toBe(true);
    expect(next.snapshot.evaluation.asi && next.snapshot.evaluation.asi.asOf).toBe('2026-03-19');
    expect(next.cache.coins.BTC!.points.at(-1)![0]).toBe('2026-03-19');
    // nothing lost: the cold history is still there
    expect(next.cache.coins.BTC!.points.length).toBe(cold.cache.coins.BTC!.points.length + 1);
    console.info(`[refresh] next day: ${emu.requests.length} requests, ${(bytes() / 1024).toFixed(1)} KB`);
  });

  it('next-day refreshes, two days running: one kline request per coin, at most 8 others, at most 300 KB', async () => {
    // Binance has no multi-symbol klines endpoint: a day's new closes cost one (small) request per coin.
    // The rest is the daily universe (CoinGecko markets + CMC listing, most of the bytes), Yahoo,
    // alternative.me and, when CMC's last point is older than yesterday, its dominance (range=all),
    // TOTAL3 and the cross-check.
    let state = after(await refresh(fresh()));
    for (const day of [1, 2]) {
      emu.resetLog();
      const r = await refresh(state, T0 + day * 24 * HOUR);
      state = after(r);
      const klines = emu.requests.filter((q) => q.path.startsWith('/api/v3/klines'));
      const others = emu.requests.filter((q) => !q.path.startsWith('/api/v3/klines'));
      expect(klines.length).toBe(Object.keys(r.cache.coins).length + 1); // + ETHBTC
      expect(klines.every((q) => q.path.includes('startTime=') && q.bytes <= 512)).toBe(true);
      expect(others.length).toBeLessThanOrEqual(8);
      expect(bytes()).toBeLessThanOrEqual(300 * 1024);
      const kb = (n: number) => (n / 1024).toFixed(1);
      console.info(
        `[refresh] next day ${day}: ${emu.requests.length} requests (${klines.length} klines, ` +
          `${kb(klines.reduce((a, q) => a + q.bytes, 0))} KB; ` +
          `${others.length} others: ` +
          `${others.map((q) => `${q.host}${q.path.split('?')[0]} ${kb(q.bytes)} KB`).join(', ')}), ` +
          `${kb(bytes())} KB`,
      );
    }
  });

  it(
    'after the data ends: a coin whose candle never comes is re-asked after 3 h, not every hour; a candle resets it',
    { timeout: 30_000 },
    async () => {
      // The fixtures end on 2026-03-18/19: from 2026-03-20T01:00 the coins still waiting for 2026-03-19 never get it.
      const end = Date.parse('2026-03-20T01:00:00Z');
      const klines = () =>
        emu.requests.filter((q) => q.path.startsWith('/api/v3/klines') && !q.path.includes('ETHBTC')).length;
      let state = after(await refresh(after(await refresh(fresh())), end - 2 * HOUR));
      emu.resetLog();
      const first = await refresh(state, end);
      const waiting = Object.keys(first.meta.emptyAnswers);
      const firstAsked = klines();
      expect(waiting.length).toBeGreaterThan(10);
      expect(first.meta.emptyAnswers[waiting[0]!]).toEqual({ count: 1, retryAt: end + 3 * HOUR });
      // through storage (JSON), as a restarted worker reads it
      state = JSON.parse(JSON.stringify(after(first))) as RefreshState;
      emu.resetLog();
      state = after(await refresh(state, end + HOUR));
      const secondAsked = klines();
      expect(secondAsked).toBe(0);
      emu.resetLog();
      const third = await refresh(state, end + 3 * HOUR);
      expect(klines()).toBe(waiting.length);
      expect(third.meta.emptyAnswers[waiting[0]!]).toEqual({ count: 2, retryAt: end + 9 * HOUR });
      console.info(
        `[refresh] after the data ends: ${firstAsked} kline requests, then ${secondAsked} an hour ` +
          `later, ${klines()} at +3 h`,
      );
      // a candle arriving resets the backoff: BTC's last cached day removed, as if its candle had been missing
      const btc = structuredClone(third.cache.coins.BTC!);
      const s = after(third);
      s.cache.coins.BTC = { ...btc, points: btc.points.slice(0, -1), fetchedAt: end };
      s.meta.emptyAnswers.BTC = { count: 3, retryAt: end + 3 * HOUR + 1 };
      const back = await refresh(s, end + 9 * HOUR);
      expect(back.cache.coins.BTC!.points.at(-1)).toEqual(btc.points.at(-1));
      expect(back.meta.emptyAnswers.BTC).toBeUndefined();
    },
  );

  it(
    'after six weeks offline, each incremental request covers the gap and the merged series have no hole',
    { timeout: 30_000 },
    async () => {
      const away = T0 - 42 * 24 * HOUR;
      const old = await refresh(fresh(), away);
      emu.resetLog();
      const back = await refresh(after(old), T0);
      const q = (needle: string) => emu.requests.find((x) => x.path.includes(needle))!.path;
      // Yahoo: from five days before the last cached close up to now (not range=1mo)
      const lastRut = old.cache.macro.rut!['Yahoo ^RUT']!.points.at(-1)![0];
      const yahoo = new URLSearchParams(q('/v8/finance/chart/').split('?')[1]);
      expect(Number(yahoo.get('period1'))).toBe(dayMs(addDays(lastRut, -5)) / 1000);
      expect(Number(yahoo.get('period2'))).toBe(Math.floor(T0 / 1000));
      // alternative.me: every day since the last one (not limit=10); CMC TOTAL3: a range reaching back past the gap
      expect(Number(new URLSearchParams(q('/fng/').split('?')[1]).get('limit'))).toBeGreaterThanOrEqual(42);
      expect(q('/quotes/historical')).toContain('range=1y');
      // the merged histories hold every point a cold start at T0 would fetch since the old cache's end
      emu.resetLog();
      const cold = await refresh(fresh(), T0);
      const since = (pts: [string, number][] | undefined, from: string) => (pts ?? []).filter(([d]) => d >= from);
      for (const [key, source] of [
        ['rut', 'Yahoo ^RUT'],
        ['fearGreed', 'alternative.me Fear & Greed'],
        ['total3', 'CoinMarketCap TOTAL3'],
        ['btcDominance', 'CoinMarketCap BTC dominance'],
        ['ethbtc', 'Binance ETHBTC'],
      ] as const) {
        const from = old.cache.macro[key]![source]!.points.at(-1)![0];
        const merged = since(back.cache.macro[key]?.[source]?.points, from).map(([d]) => d);
        expect(merged, key).toEqual(since(cold.cache.macro[key]?.[source]?.points, from).map(([d]) => d));
        expect(merged.length, key).toBeGreaterThan(25);
      }
      const btcFrom = old.cache.coins.BTC!.points.at(-1)![0];
      expect(since(back.cache.coins.BTC!.points, btcFrom)).toEqual(since(cold.cache.coins.BTC!.points, btcFrom));
    },
  );

  it('the CoinMarketCap listing failing: CoinGecko’s categories still exclude stablecoins, wrapped and staked tokens', async () => {
    emu.setFault('api.coinmarketcap.com', { status: 500, path: '/cryptocurrency/listing' });
    // The markets and six category pages do not fit CoinGecko's 5 calls a minute: the pages are spread
    // over refreshes a minute or so apart (the retry alarm), each page kept once answered.
    let r = await refresh(fresh());
    expect(r.universes['2026-03-19']!.provisional).toBe(true);
    const first = emu.count((q) => q.path.includes('category='));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(6);
    let refreshes = 1;
    while (r.meta.partial && refreshes < 5) {
      expect(r.meta.partial.retryAt - emu.now).toBeGreaterThanOrEqual(60_000);
      r = await refresh(after(r), r.meta.partial.retryAt);
      refreshes++;
    }
    expect(refreshes).toBeGreaterThan(1);
    // each category page asked exactly once, and never more than 5 CoinGecko calls in any minute
    expect(emu.count((q) => q.host === 'api.coingecko.com' && q.path.includes('category='))).toBe(6);
    const cg = emu.requests.filter((q) => q.host === 'api.coingecko.com').map((q) => q.simNow);
    for (const t of cg) expect(cg.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(5);
    const u = r.universes['2026-03-19']!;
    const cats = (s: string) => u.coins.find((c) => c.symbol === s)?.categories ?? [];
    expect(cats('USDT')).toContain('stablecoins');
    expect(cats('WBTC')).toEqual(expect.arrayContaining(['wrapped-tokens', 'tokenized-btc']));
    expect(cats('STETH')).toContain('liquid-staking-tokens');
    expect(u.provisional).toBeUndefined();
    // the categories are cached: the next day's universe asks for none of them
    emu.clearFaults();
    emu.resetLog();
    const next = await refresh(after(r), T0 + 24 * HOUR);
    expect(emu.count((q) => q.host === 'api.coingecko.com' && q.path.includes('category='))).toBe(0);
    expect(next.universes['2026-03-20']!.coins.find((c) => c.symbol === 'STETH')?.categories).toContain(
      'liquid-staking-tokens',
    );
  });

  it('no exclusion-tag source answering: the day’s universe is provisional and taken again later that day', async () => {
    emu.setFault('api.coinmarketcap.com', { status: 500, path: '/cryptocurrency/listing' });
    emu.setFault('api.coingecko.com', { status: 500, path: 'category=' });
    const r = await refresh(fresh());
    expect(r.universes['2026-03-19']!.provisional).toBe(true);
    emu.clearFaults();
    emu.resetLog();
    const later = await retry(after(r), T0 + 20 * 60_000);
    const u = later.universes['2026-03-19']!;
    expect(u.provisional).toBeUndefined();
    expect(u.coins.find((c) => c.symbol === 'USDT')?.categories).toContain('stablecoin');
    expect(emu.count((q) => q.path.includes('/cryptocurrency/listing'))).toBe(1);
  });

  it('Fear & Greed falls back to CoinMarketCap’s index, labelled as a different one', async () => {
    emu.setFault('api.alternative.me', { kind: 'challenge' });
    const r = await refresh(fresh());
    expect(r.snapshot.evaluation.fearGreed?.source).toContain('CoinMarketCap');
    expect(r.snapshot.evaluation.fearGreed?.source).toContain('not alternative.me');
    expect(r.snapshot.sources['alternative.me']?.lastError?.kind).toBe('challenge');
  });

  it('falls back along the chain when a primary fails, and records which source served', async () => {
    emu.setFault('api.coinmarketcap.com', { status: 500 });
    emu.setFault('query1.finance.yahoo.com', { status: 503 });
    emu.setFault('data-api.binance.vision', { status: 451 });
    const r = await refresh(fresh());
    const e = r.snapshot.evaluation;
    expect(e.dominance?.source).toBe('CoinGecko BTC dominance');
    expect(r.snapshot.served.dominance?.provider).toBe('coingecko');
    expect(e.total3?.source).toBe('CoinGecko TOTAL3');
    expect(e.russell?.close).toBeGreaterThan(0); // served by query2
    expect(emu.count('query2.finance.yahoo.com')).toBeGreaterThan(0);
    expect(e.asi?.value).not.toBeNull(); // served by api.binance.com
    expect(emu.count('api.binance.com')).toBeGreaterThan(0);
    expect(r.snapshot.sources.cmc?.lastError?.kind).toBe('http');
  });

  it('a CoinMarketCap hiccup keeps the dominance and TOTAL3 histories (30-day changes) and retries CMC', async () => {
    const cold = await refresh(fresh());
    const coldE = cold.snapshot.evaluation;
    expect(coldE.dominance?.change30).not.toBeNull();
    expect(coldE.total3?.change30Pct).not.toBeNull();
    // two days on, CMC (last point 2026-03-19, due for 2026-03-20) answers 500
    emu.setFault('api.coinmarketcap.com', { status: 500 });
    const day2 = T0 + 48 * HOUR;
    const hiccup = await refresh(after(cold), day2);
    let e = hiccup.snapshot.evaluation;
    // CMC's history is not stale (2 days): it still serves, with its changes; no one-point fallback replaces it
    expect(e.dominance?.source).toBe('CoinMarketCap BTC dominance');
    expect(e.dominance?.change30).not.toBeNull();
    expect(e.dominance?.change90).not.toBeNull();
    expect(e.total3?.source).toBe('CoinMarketCap TOTAL3');
    expect(e.total3?.change30Pct).not.toBeNull();
    expect(hiccup.snapshot.served.dominance?.provider).toBe('cmc');
    // CMC back: still due, asked again (one probe per refresh after a failure, then the rest) and served
    emu.clearFaults();
    emu.resetLog();
    const back = await retry(after(hiccup), day2 + 20 * 60_000);
    expect(emu.count((q) => q.path.includes('/dominance/chart'))).toBe(1);
    expect(emu.count((q) => q.path.includes('/quotes/historical'))).toBe(1);
    e = back.snapshot.evaluation;
    expect(e.dominance?.asOf).toBe('2026-03-21');
    expect(e.dominance?.change30).not.toBeNull();
    expect(e.total3?.asOf).toBe('2026-03-21');
  });

  it('a fallback serves only while CMC’s history is stale, and CMC stays due meanwhile', async () => {
    const cold = await refresh(fresh());
    emu.setFault('api.coinmarketcap.com', { status: 500 });
    const down = T0 + 3 * 24 * HOUR; // CMC's history is 3 days old: stale
    const stale = await refresh(after(cold), down);
    expect(stale.snapshot.evaluation.dominance?.source).toBe('CoinGecko BTC dominance');
    expect(stale.snapshot.evaluation.total3?.source).toBe('CoinGecko TOTAL3');
    emu.clearFaults();
    emu.resetLog();
    // 20 minutes later the fallback's point is current, yet the signal is due for the primary
    const back = await retry(after(stale), down + 20 * 60_000);
    expect(emu.count((q) => q.path.includes('/dominance/chart'))).toBe(1);
    expect(emu.count((q) => q.path.includes('/quotes/historical'))).toBe(1);
    const e = back.snapshot.evaluation;
    expect(e.dominance?.source).toBe('CoinMarketCap BTC dominance');
    expect(e.dominance?.change30).not.toBeNull();
    expect(e.total3?.source).toBe('CoinMarketCap TOTAL3');
    expect(e.total3?.change30Pct).not.toBeNull();
  });

  it('keeps the last good data with its age when every source fails', async () => {
    const cold = await refresh(fresh());
    for (const host of emu.apiHosts) emu.setFault(host, { status: 500 });
    emu.resetLog();
    const later = T0 + 3 * 24 * HOUR;
    const r = await refresh(after(cold), later);
    const e = r.snapshot.evaluation;
    expect(e.asi?.value).toBe(cold.snapshot.evaluation.asi?.value);
    expect(e.asi && e.asi.value !== null && e.asi.stale).toBe(true);
    expect(e.asi && e.asi.value !== null && e.asi.ageDays).toBe(4);
    expect(e.phase.stage).toBe('unknown'); // a stale ASI never passes for a current stage
    expect(e.russell?.close).toBe(cold.snapshot.evaluation.russell?.close);
    expect(r.snapshot.sources.binance?.lastError?.kind).toBe('http');
    expect(r.snapshot.sources.binance?.lastSuccess).toBe(cold.snapshot.sources.binance?.lastSuccess);
    // a refresh 20 s later: every circuit is open, nothing is sent
    emu.resetLog();
    await refresh(after(r), later + 20_000);
    expect(emu.requests.length).toBe(0);
  });

  it('honours Retry-After: no request to a rate-limited provider before it, even from saved state', async () => {
    emu.setFault('query1.finance.yahoo.com', { status: 429, retryAfter: '120' });
    const first = await refresh(fresh());
    expect(first.snapshot.sources.yahoo?.lastError?.kind).toBe('rate-limited');
    expect(emu.count('query2.finance.yahoo.com')).toBe(0); // another host of the same provider would not help
    emu.clearFaults();
    emu.resetLog();
    // a new worker (state through JSON, as from storage) 60 s later: still waiting
    const saved = JSON.parse(JSON.stringify(after(first))) as RefreshState;
    await refresh(saved, T0 + 60_000);
    expect(emu.count((q) => q.host.endsWith('finance.yahoo.com'))).toBe(0);
    await refresh(saved, T0 + 121_000);
    expect(emu.count((q) => q.host.endsWith('finance.yahoo.com'))).toBe(1);
  });

  it('a 429 stops the rest of the provider’s batch: only the requests already in flight are sent', async () => {
    // Keep requests in flight long enough for the ~50 coin calls to queue up behind the per-host limit.
    emu.setLatency(40, 'data-api.binance.vision');
    emu.setFault('data-api.binance.vision', { status: 429, retryAfter: '120', path: '/api/v3/klines', times: 1 });
    try {
      const r = await refresh(fresh());
      const binance = emu.requests.filter((q) => q.host.includes('binance'));
      // the 429 itself plus at most the 3 others holding a slot of the per-host limit (4) at that moment
      expect(binance.length).toBeLessThanOrEqual(4);
      expect(emu.count('api.binance.com')).toBe(0); // another host of the same provider would not help
      expect(r.snapshot.sources.binance?.lastError?.kind).toBe('rate-limited');
      expect(r.providerState.binance).toMatchObject({ retryAt: T0 + 120_000 });
    } finally {
      emu.setLatency(null, 'data-api.binance.vision');
    }
  });

  it('a provider failing in this refresh gets no more than the calls already in flight', async () => {
    emu.setLatency(20, 'data-api.binance.vision');
    emu.setLatency(20, 'api.binance.com');
    emu.setFault('data-api.binance.vision', { status: 500 });
    emu.setFault('api.binance.com', { status: 500 });
    try {
      await refresh(fresh());
      const binance = emu.requests.filter((q) => q.host.includes('binance'));
      // ≤ 4 calls in flight when the first one is marked failing, each 3 attempts × 2 hosts
      expect(binance.length).toBeLessThanOrEqual(4 * 3 * 2);
      console.info(`[refresh] Binance answering 500: ${binance.length} requests`);
    } finally {
      emu.setLatency(null, 'data-api.binance.vision');
      emu.setLatency(null, 'api.binance.com');
    }
  });

  it('the half-open probe asks one host, the next one each time: a dead first host hides a working fallback for one cooldown at most', async () => {
    emu.setFault('query1.finance.yahoo.com', { status: 503 });
    // Yahoo failed once before (its normal call ended on query2): the probe asks query2, which answers.
    const r = await refresh({ ...fresh(), providerState: { yahoo: { failures: 1, openUntil: 0, retryAt: 0 } } });
    expect([emu.count('query1.finance.yahoo.com'), emu.count('query2.finance.yahoo.com')]).toEqual([0, 1]);
    expect(r.snapshot.evaluation.russell?.close).toBeGreaterThan(0);
    expect(r.providerState.yahoo).toMatchObject({ failures: 0 });
    // After two failures the probe asks query1 only (one request, no retries, no fallback) and fails…
    emu.resetLog();
    const r2 = await refresh({ ...fresh(), providerState: { yahoo: { failures: 2, openUntil: 0, retryAt: 0 } } });
    expect([emu.count('query1.finance.yahoo.com'), emu.count('query2.finance.yahoo.com')]).toEqual([1, 0]);
    expect(r2.providerState.yahoo).toMatchObject({ failures: 3 });
    // …so the next probe, after the cooldown, asks query2 and recovers.
    emu.resetLog();
    const r3 = await refresh({ ...fresh(), providerState: { yahoo: { failures: 3, openUntil: 0, retryAt: 0 } } });
    expect([emu.count('query1.finance.yahoo.com'), emu.count('query2.finance.yahoo.com')]).toEqual([0, 1]);
    expect(r3.providerState.yahoo).toMatchObject({ failures: 0 });
  });

  it('a request cut off by the refresh’s time budget is not a provider failure', async () => {
    emu.setLatency(2_000, 'api.alternative.me');
    try {
      emu.setNow(T0);
      const r = await runRefresh(fresh(), emulatorDeps(emu, T0, { budgetMs: 500 }));
      expect(emu.count('api.alternative.me')).toBeGreaterThan(0);
      expect((r.providerState['alternative.me'] as { failures: number } | undefined)?.failures ?? 0).toBe(0);
      expect(r.snapshot.sources['alternative.me']?.lastError ?? null).toBeNull();
    } finally {
      emu.setLatency(null, 'api.alternative.me');
    }
  });

  it(
    'a provider down for a day gets at most one request per 15 minutes once backed off',
    { timeout: 120_000 },
    async () => {
      let state = after(await refresh(fresh()));
      for (const host of emu.apiHosts) emu.setFault(host, { status: 500 });
      emu.resetLog();
      const start = T0 + HOUR;
      for (let t = start; t < start + 24 * HOUR; t += 15 * 60_000) state = after(await refresh(state, t));
      const perWindow = new Map<string, number>();
      const firstWindow = new Map<string, number>();
      const firstCount = new Map<string, number>();
      for (const q of emu.requests) {
        // CoinMarketCap's ETF endpoint is its own provider (own circuit, lib/sources/providers.ts).
        const provider =
          q.host.replace(/^(query[12]|data-api|api)\./, '').replace('binance.vision', 'binance.com') +
          (q.path.includes('/etf/') ? ' etf' : '');
        const window = Math.floor((q.simNow - start) / (15 * 60_000));
        if (!firstWindow.has(provider)) firstWindow.set(provider, window);
        // A provider's first failing refresh: the calls already in flight finish their retries and the
        // other host (at most 4 per host × 3 attempts × 2 hosts); nothing queued behind them is sent.
        if (window === firstWindow.get(provider)) {
          firstCount.set(provider, (firstCount.get(provider) ?? 0) + 1);
          continue;
        }
        perWindow.set(`${provider} ${window}`, (perWindow.get(`${provider} ${window}`) ?? 0) + 1);
      }
      expect(Math.max(...firstCount.values())).toBeLessThanOrEqual(4 * 3 * 2);
      // from the next window on, the half-open circuit sends one probe per provider (one request), however the backoff
      // ramps
      expect(perWindow.size).toBeGreaterThan(20);
      expect(Math.max(...perWindow.values())).toBe(1);
    },
  );

  it('a malformed answer fails only its source', async () => {
    emu.setFault('api.coingecko.com', { kind: 'drift' });
    emu.setFault('api.alternative.me', { kind: 'truncated' });
    const r = await refresh(fresh());
    expect(r.snapshot.sources.coingecko?.lastError?.kind).toBe('schema');
    expect(r.snapshot.evaluation.russell?.close).toBeGreaterThan(0);
    expect(r.snapshot.evaluation.asi?.value).not.toBeNull(); // universe from CoinMarketCap's listing
    expect(r.snapshot.served.universe?.provider).toBe('cmc');
  });
});
