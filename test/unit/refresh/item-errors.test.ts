/**
 * Issue #13 at the refresh's level, against the API emulator: one bad coin, symbol or page fails only
 * itself (never its provider), a partial refresh says what it missed and is followed by another soon,
 * and the real rate limits of every provider at once still lead to a complete snapshot within minutes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextRefreshState, emptyRefreshState, type RefreshResult, type RefreshState } from '../../../lib/refresh/run';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { AsiResult } from '../../../lib/signals/asi';
import { startEmulator, type Emulator } from '../../support/emulator';
import { refreshOn } from '../../support/refresh';
import { REAL_LIMITS } from '../../support/emulator/limits';
import { coingecko } from '../../support/emulator/routes/coingecko';
import type { EmuRequest, LogEntry } from '../../support/emulator/types';

const T0 = Date.parse('2026-03-19T12:00:00Z');
const MINUTE = 60_000;
let emu: Emulator;
const removers: Array<() => void> = [];

beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.clearFaults();
  emu.setLimits(null);
  emu.resetLog();
  emu.setNow(T0);
  while (removers.length) removers.pop()!();
});

const fresh = (): RefreshState => emptyRefreshState(defaultSettings());
const after = (r: RefreshResult): RefreshState => nextRefreshState(r, defaultSettings());
const refresh = (state: RefreshState, now = emu.now) => refreshOn(emu, state, now);
/** Refreshes at each partial refresh's retry time (the worker's one-shot alarm) until one is complete. */
async function untilComplete(first: RefreshResult, max = 12): Promise<{ r: RefreshResult; refreshes: number }> {
  let r = first;
  let refreshes = 1;
  while (r.meta.partial && refreshes < max) {
    expect(r.meta.partial.retryAt - emu.now).toBeGreaterThanOrEqual(MINUTE);
    if (process.env.DEBUG_LIMITS)
      console.info(
        (r.meta.partial.retryAt - T0) / 1000,
        r.meta.partial.missing.join(' '),
        JSON.stringify(r.providerState),
      );
    r = await refresh(after(r), r.meta.partial.retryAt);
    refreshes++;
  }
  return { r, refreshes };
}
const coverage = (a: AsiResult | null | undefined) => a?.coverage ?? null;

/** Coins CoinGecko ranks at the top of its markets list whose tickers are not Binance symbols, or delisted. */
const BAD = [
  { id: 'binance-bridged-usdt-bnb-smart-chain', symbol: 'bsc-usd' },
  { id: 'usdt0', symbol: 'usdt0' }, // a valid-looking pair, USDT0USDT: Binance answers 400 "Invalid symbol"
  { id: 'nandu-token', symbol: 'ñandú' },
  { id: 'forty-char-coin', symbol: 'x'.repeat(40) },
  { id: 'terra-luna', symbol: 'luna' }, // delisted: 400 at Binance, 404 at CoinGecko
];
function badCoinsInMarkets(): void {
  removers.push(
    emu.route('api.coingecko.com', (req: EmuRequest) => {
      if (req.pathname !== '/api/v3/coins/markets' || req.query.get('category')) return undefined;
      const base = coingecko(req)!;
      const rows = base.json as Array<Record<string, unknown>>;
      const top = rows[1]!; // ranked just below BTC: inside the universe however it is trimmed
      const bad = BAD.map((b) => ({ ...top, id: b.id, symbol: b.symbol, name: b.id }));
      return { ...base, json: [rows[0], ...bad, ...rows.slice(1)] };
    }),
  );
}
/** Binance answers 400 "Invalid symbol." for these pairs (coins it does not list: CoinGecko serves them). */
function notOnBinance(pairs: string[]): void {
  for (const host of ['data-api.binance.vision', 'api.binance.com'])
    removers.push(
      emu.route(host, (req) =>
        req.pathname === '/api/v3/klines' && pairs.includes(req.query.get('symbol') ?? '')
          ? { status: 400, json: { code: -1121, msg: 'Invalid symbol.' } }
          : undefined,
      ),
    );
}

describe('item errors are not provider errors', { timeout: 60_000 }, () => {
  it('invalid symbols, delisted coins and "Invalid symbol" answers fail only themselves: BTC and every other coin are fetched', async () => {
    badCoinsInMarkets();
    const r = await refresh(fresh());
    const universe = r.universes['2026-03-19']!.coins.map((c) => c.symbol);
    for (const b of BAD) expect(universe).toContain(b.symbol.toUpperCase());
    // No request for a ticker that cannot be a Binance symbol; one for USDT0USDT and LUNAUSDT (answered 400)
    const klines = emu.requests.filter((q) => q.path.startsWith('/api/v3/klines'));
    expect(klines.some((q) => /BSC|%C3|XXXX/.test(q.path))).toBe(false);
    expect(klines.filter((q) => q.status === 400).length).toBe(2);
    // Every other wanted coin, BTC first, has its closes
    const good = universe.filter((s) => !BAD.some((b) => b.symbol.toUpperCase() === s));
    const missing = good.filter((s) => !r.cache.coins[s]?.points.length);
    // coins excluded by tags are not wanted; every wanted one came
    const e = r.snapshot.evaluation.asi!;
    const counted = e.value !== null ? e.coins.map((c) => c.symbol) : [];
    expect(r.cache.coins.BTC?.points.length).toBeGreaterThan(100);
    for (const s of counted) expect(missing).not.toContain(s);
    // The bad coins were asked of CoinGecko (404: delisted) and left out, without holding off anyone
    // (asked within CoinGecko's budget: a page deferred by it is pending, not failed)
    expect(emu.count((q) => q.path.includes('/market_chart'))).toBeGreaterThan(0);
    expect(r.snapshot.sources.binance?.lastError ?? null).toBeNull();
    expect(r.snapshot.sources.coingecko?.lastError ?? null).toBeNull();
    expect(r.providerState.binance as object).toMatchObject({ failures: 0, openUntil: 0 });
    expect((r.providerState.coingecko ?? { failures: 0 }) as object).toMatchObject({ failures: 0 });
    // The ASI says how many it counted of the universe it aimed at: the five bad coins are the gap
    const c = coverage(e)!;
    expect(c.aimed - c.counted).toBe(BAD.length);
    expect(e.value).not.toBeNull();
  });

  it('a coin CoinGecko refuses by itself (404) waits 3 h, then 6 h: not asked at every refresh, its budget kept', async () => {
    badCoinsInMarkets();
    const { r } = await untilComplete(await refresh(fresh()));
    const chart = (q: LogEntry) => /^\/api\/v3\/coins\/[^/]+\/market_chart/.test(q.path);
    const idOf = (q: LogEntry) => q.path.split('/')[4]!;
    const refusedIds = [...new Set(emu.requests.filter((q) => chart(q) && q.status === 404).map(idOf))];
    expect(refusedIds.length).toBeGreaterThan(0);
    const refused = r.meta.coingeckoRefused!;
    expect(Object.values(refused).map((e) => e.count)).toEqual(refusedIds.map(() => 1));
    const askedRefused = () => emu.requests.filter((q) => chart(q) && refusedIds.includes(idOf(q))).length;

    // The hourly refresh an hour later does not ask them again (before, each one cost a CoinGecko call)
    emu.resetLog();
    const r1 = await refresh(after(r), emu.now + 60 * MINUTE);
    expect(askedRefused()).toBe(0);
    expect(r1.meta.partial?.missing ?? []).toEqual([]);

    // 3 h after its refusal each is asked again; refused again, it waits 6 h
    const due = Math.max(...Object.values(refused).map((e) => e.retryAt)) + MINUTE;
    emu.resetLog();
    const r2 = await refresh(after(r1), due);
    expect(askedRefused()).toBe(refusedIds.length);
    for (const e of Object.values(r2.meta.coingeckoRefused!)) {
      expect(e.count).toBe(2);
      expect(e.retryAt).toBe(due + 6 * 60 * MINUTE);
    }
  });

  it('CoinGecko at its keyless rate and CoinMarketCap’s data-api down, BSC-USD in the universe: BTC and the coins are fetched', async () => {
    badCoinsInMarkets();
    emu.setLimits({ coingecko: REAL_LIMITS.coingecko });
    emu.setFault('api.coinmarketcap.com', { status: 500 });
    const first = await refresh(fresh());
    // Binance was not held off by a ticker it cannot list: BTC's closes came in the first refresh
    expect(first.cache.coins.BTC?.points.length).toBeGreaterThan(100);
    expect(first.snapshot.sources.binance?.lastError ?? null).toBeNull();
    expect(first.snapshot.evaluation.asi?.asOf).toBe('2026-03-18');
    // CoinGecko's budget: never a 429 from it, at most 5 calls in any minute
    const { r, refreshes } = await untilComplete(first);
    expect(refreshes).toBeGreaterThan(1);
    const cg = emu.requests.filter((q) => q.host === 'api.coingecko.com');
    expect(cg.filter((q) => q.status === 429)).toEqual([]);
    for (const q of cg)
      expect(cg.filter((x) => x.simNow >= q.simNow && x.simNow < q.simNow + MINUTE).length).toBeLessThanOrEqual(5);
    expect(r.universes['2026-03-19']!.provisional).toBeUndefined();
    expect(r.snapshot.evaluation.asi?.value).not.toBeNull();
  });
});

describe('partial refreshes are honest and heal', { timeout: 60_000 }, () => {
  it('one CoinGecko endpoint failing (/global 503): its coins are asked again at the next refresh, the ASI says counted k of N meanwhile', async () => {
    const cgOnly = ['SUI', 'TON', 'HBAR'];
    notOnBinance(cgOnly.map((s) => `${s}USDT`));
    // /global is asked (CoinMarketCap's dominance and TOTAL3 fail) and answers 503: CoinGecko fails in this refresh
    emu.setFault('api.coingecko.com', { status: 503, path: '/global' });
    removers.push(
      emu.route('api.coinmarketcap.com', (req) =>
        req.pathname.includes('/global-metrics/')
          ? { status: 500, json: { status: { error_code: '500', error_message: 'down' } } }
          : undefined,
      ),
    );
    const first = await refresh(fresh());
    const e = first.snapshot.evaluation.asi!;
    const skipped = cgOnly.filter((s) => !first.cache.coins[s]);
    expect(skipped.length).toBeGreaterThan(0);
    // Honest: every skipped coin is a gap in the coverage, never a silently smaller universe
    const c = coverage(e)!;
    expect(c.aimed - c.counted).toBeGreaterThanOrEqual(skipped.length);
    if (e.value !== null) expect(e.counted).toBe(c.counted);
    else expect(e.code).toBe('low-coverage');
    // and the refresh knows what it missed, asking again in minutes, not the next day
    expect(first.meta.partial?.missing).toEqual(expect.arrayContaining(skipped.map((s) => `coin ${s}`)));
    expect(first.meta.partial!.retryAt - T0).toBeLessThanOrEqual(15 * MINUTE);
    emu.clearFaults();
    const { r } = await untilComplete(first);
    for (const s of cgOnly) expect(r.cache.coins[s]?.provider).toBe('coingecko');
    const done = coverage(r.snapshot.evaluation.asi)!;
    expect(done.counted).toBe(done.aimed);
    expect(r.meta.partial).toBeUndefined();
  });

  it('the real limits of every provider at once: from empty storage to a complete snapshot, every coin counted, within 5 minutes', async () => {
    // Limits set to bite on a cold start: CoinGecko's keyless 5 a minute, Binance's weight (a 429, then a
    // 418 if ignored), a Yahoo burst of 429s, CoinMarketCap "system busy" after two calls; its listing down
    // (so the six category pages are needed) and three coins only CoinGecko serves.
    emu.setLimits({
      coingecko: REAL_LIMITS.coingecko,
      // Binance's real 6,000 would not bite 51 cold klines calls (weight 5 each at a year and a half of closes):
      // 150 a minute makes the cold start meet it.
      binance: { weightPerMinute: 150, banMs: REAL_LIMITS.binance.banMs },
      yahoo: { ...REAL_LIMITS.yahoo, burstFirst: true },
      cmc: { calls: 2, windowMs: MINUTE },
    });
    emu.setFault('api.coinmarketcap.com', { status: 500, path: '/cryptocurrency/listing' });
    notOnBinance(['SUI', 'TON', 'HBAR'].map((s) => `${s}USDT`));
    const first = await refresh(fresh());
    expect(first.meta.partial).toBeDefined();
    const { r } = await untilComplete(first);
    expect(r.meta.partial).toBeUndefined();
    expect(emu.now - T0).toBeLessThanOrEqual(5 * MINUTE);
    const e = r.snapshot.evaluation;
    const c = coverage(e.asi)!;
    expect(c.counted).toBe(c.aimed);
    expect(e.asi?.value).not.toBeNull();
    for (const k of ['russell', 'dominance', 'ethbtc', 'fearGreed', 'total3'] as const)
      expect(e[k]?.value).toEqual(expect.any(Number));
    // every limit was met at least once, and none was ignored: no 418 ban, no CoinGecko 429
    const labels = emu.requests.map((q) => q.fault);
    for (const l of ['limit:binance-429', 'limit:yahoo', 'limit:cmc-busy']) expect(labels).toContain(l);
    expect(labels).not.toContain('limit:coingecko');
    console.info(`[limits] complete after ${(emu.now - T0) / 1000} s simulated, ${emu.requests.length} requests`);
  });
});
