import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reevaluate } from '../../../lib/refresh/reevaluate';
import { emptyRefreshState, runRefresh, type RefreshResult, type RefreshState } from '../../../lib/refresh/run';
import { ETF_RETRY_MS } from '../../../lib/refresh/tasks/etf-flows';
import { addDays } from '../../../lib/series/dates';
import { isUsSession } from '../../../lib/series/us-market';
import { defaultSettings } from '../../../lib/settings/defaults';
import { CMC_ETF_NETFLOW_URL, fetchCmcEtfNetflow, parseCmcEtfNetflow } from '../../../lib/sources/cmc';
import { startEmulator, type Emulator } from '../../support/emulator';
import { refreshOn } from '../../support/refresh';
import { isNyseSession, servedEtfFlows } from '../../support/emulator/routes/cmc-etf';
import { REAL } from '../../support/paths';

const RECORDED = JSON.parse(
  readFileSync(join(REAL, 'raw/cmc-data-api/etf-netflow-chart-category-all-range30d.json'), 'utf8'),
) as { data: { points: Record<string, unknown>[] }; status: unknown };
const RECORDED_AT = Date.parse('2025-07-14T17:00:34Z');
const CMC = 'api.coinmarketcap.com';
const ETF_PATH = '/data-api/v3/etf/overview/netflow/chart';

describe('CoinMarketCap ETF net flows: the recorded answer', () => {
  it('gives each asset per session day in US$ millions; the 0-for-all holidays give nothing', () => {
    const r = parseCmcEtfNetflow(RECORDED, { now: RECORDED_AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 20 points, two of them holidays (Juneteenth 2025-06-19 and 2025-07-04) sent as 0 for all.
    expect(r.value.btc.points).toHaveLength(18);
    expect(r.value.btc.points.map((p) => p.date)).not.toContain('2025-06-19');
    expect(r.value.btc.points[0]).toEqual({ date: '2025-06-16', value: 433.9 });
    expect(r.value.eth.points.at(-1)).toEqual({ date: '2025-07-11', value: 204.9 });
    // The same numbers as the Farside table in series-full (millions): 2025-07-10 BTC 1175.6, ETH 383.1.
    expect(r.value.btc.points.find((p) => p.date === '2025-07-10')?.value).toBe(1175.6);
    expect(r.value.eth.points.find((p) => p.date === '2025-07-10')?.value).toBe(383.1);
  });

  it('a point without btcValue leaves BTC unknown that day (not 0), ETH still read', () => {
    const json = structuredClone(RECORDED);
    delete json.data.points[1]!.btcValue;
    const r = parseCmcEtfNetflow(json, { now: RECORDED_AT });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.btc.points.map((p) => p.date)).not.toContain('2025-06-17');
    expect(r.value.eth.points.find((p) => p.date === '2025-06-17')?.value).toBe(11.1);
  });

  it('"system busy" (HTTP 200, non-zero error_code) and a changed shape are errors with a readable message', () => {
    const busy = { status: { error_code: '500', error_message: 'System busy, please try again later' } };
    const b = parseCmcEtfNetflow(busy, { now: RECORDED_AT });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.message).toContain('System busy');
    const drift = structuredClone(RECORDED);
    (drift.data.points[3] as Record<string, unknown>).btcValue = 'n/a';
    const d = parseCmcEtfNetflow(drift, { now: RECORDED_AT });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatchObject({ kind: 'schema', path: 'data.points.3.btcValue' });
    const gone = parseCmcEtfNetflow({ data: { netflows: [] }, status: { error_code: '0' } }, { now: RECORDED_AT });
    expect(gone.ok ? null : gone.error.message).toMatch(/data\.points is missing/);
  });
});

describe('ETF flows from the emulator, and its faults', { timeout: 60_000 }, () => {
  const T0 = Date.parse('2026-12-03T12:00:00Z');
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
  const refresh = (state: RefreshState, now = T0): Promise<RefreshResult> => refreshOn(emu, state, now);

  it('the route serves real flows on the NYSE sessions ending at the last published one', () => {
    const served = servedEtfFlows(T0);
    // Thanksgiving 2026-11-26 is served as 0 for all; the rest are sessions of the lib's calendar too.
    expect(served.find((d) => d.day === '2026-11-26')).toMatchObject({ from: null, btc: 0, eth: 0 });
    for (const d of served) expect(isUsSession(d.day), d.day).toBe(isNyseSession(d.day));
    // The newest served session is the last one before the emulator's day, and it is the CSV's last row.
    expect(served.at(-1)).toMatchObject({ day: '2026-12-02', from: '2026-07-24' });
  });

  it('a refresh reads both assets: the sums are the served days, the sources name CoinMarketCap', async () => {
    const r = await refresh(fresh());
    const f = r.snapshot.evaluation.etfFlows!;
    const served = servedEtfFlows(T0).filter((d) => d.from !== null);
    const sum = (n: number, k: 'btc' | 'eth') => Math.round(served.slice(-n).reduce((a, d) => a + d[k]!, 0) * 10) / 10;
    expect(f.btc!.asOf).toBe('2026-12-02');
    expect(f.btc!.last).toBe(served.at(-1)!.btc);
    expect(f.btc!.short.value).toBeCloseTo(sum(5, 'btc'), 6);
    expect(f.eth!.short.value).toBeCloseTo(sum(5, 'eth'), 6);
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(f.btc!.long.value).toBeCloseTo(sum(20, 'btc'), 6);
    expect(f.source).toBe('CoinMarketCap US spot BTC ETF net flows · CoinMarketCap US spot ETH ETF net flows');
    expect(r.snapshot.served.etfFlowsBtc).toEqual({ provider: 'cmc-etf', fetchedAt: T0 });
    expect(r.snapshot.etfFlowsError).toBeNull();
    expect(emu.count((q) => q.path.startsWith(ETF_PATH))).toBe(1);
    expect(emu.requests.find((q) => q.path.startsWith(ETF_PATH))?.path).toBe(CMC_ETF_NETFLOW_URL.slice(29));
    // Due again only after the next session closes: an hour later nothing is asked.
    emu.resetLog();
    await refresh({ ...fresh(), cache: r.cache, meta: r.meta, providerState: r.providerState }, T0 + 3_600_000);
    expect(emu.count((q) => q.path.startsWith(ETF_PATH))).toBe(0);
  });

  const faults = [
    {
      name: 'system busy',
      fault: { status: 200, body: { status: { error_code: '500', error_message: 'System busy' } } },
      reason: /System busy/,
    },
    { name: 'schema drift', fault: { kind: 'drift' as const }, reason: /must be|missing|invalid/ },
    { name: 'a 10 MB body', fault: { kind: 'huge' as const, bytes: 10 * 1024 * 1024 }, reason: /too large|MB|bytes/ },
    { name: 'a timeout', fault: { kind: 'hang' as const }, reason: /time|budget|abort/i },
  ];

  it.each(faults)('$name: flows unknown with a readable reason, every other signal unchanged', async (c) => {
    const good = await refresh(fresh());
    emu.setFault(CMC, { ...c.fault, path: ETF_PATH });
    const state = fresh();
    // A hanging request ends at its 10 s timeout; the budget keeps the retry from holding the test longer.
    const bad = await runRefresh(state, {
      fetch: emu.fetch,
      now: () => T0,
      sleep: async () => {},
      random: () => 0.5,
      budgetMs: 12_000,
    });
    expect(bad.snapshot.evaluation.etfFlows).toBeNull();
    expect(bad.snapshot.etfFlowsError?.message).toMatch(c.reason);
    const { etfFlows: _a, phase: pa, ...others } = bad.snapshot.evaluation;
    const { etfFlows: _b, phase: pb, ...expected } = good.snapshot.evaluation;
    expect(others).toEqual(expected);
    expect(pa.stage).toBe(pb.stage);
    expect(pa.reasons.filter((r) => r.signal !== 'etfFlows')).toEqual(
      pb.reasons.filter((r) => r.signal !== 'etfFlows'),
    );
    // Its own provider id: the other CoinMarketCap series are not cooled down by it.
    const failures = (id: string) => (bad.providerState[id] as { failures?: number } | undefined)?.failures ?? 0;
    expect(failures('cmc')).toBe(0);
    expect(bad.snapshot.sources.cmc?.lastError ?? null).toBeNull();
    if (c.fault.kind === 'hang') return;
    expect(failures('cmc-etf')).toBeGreaterThan(0);
    // Asked again only after ETF_RETRY_MS, not on every refresh.
    emu.resetLog();
    await refresh({ ...state, cache: bad.cache, meta: bad.meta, providerState: {} }, T0 + 60 * 60_000);
    expect(emu.count((q) => q.path.startsWith(ETF_PATH))).toBe(0);
    await refresh({ ...state, cache: bad.cache, meta: bad.meta, providerState: {} }, T0 + ETF_RETRY_MS);
    expect(emu.count((q) => q.path.startsWith(ETF_PATH))).toBeGreaterThanOrEqual(1);
  });

  it('a settings change evaluates again without a request and keeps the reason of the failure', async () => {
    emu.setFault(CMC, {
      status: 200,
      body: { status: { error_code: '500', error_message: 'System busy' } },
      path: ETF_PATH,
    });
    const bad = await refresh(fresh());
    emu.resetLog();
    const settings = defaultSettings();
    settings.etfFlows.inSetup = true;
    const again = reevaluate(
      { ...fresh(), settings, cache: bad.cache, meta: bad.meta, previous: bad.snapshot },
      T0 + 60_000,
    );
    expect(emu.requests).toHaveLength(0);
    expect(again!.snapshot.etfFlowsError?.message).toMatch(/System busy/);
    // With the switch on, unknown flows leave the setup unknown, naming them (never "no" for what cannot be told).
    const setup = again!.snapshot.evaluation.phase.setup;
    expect(setup.state === 'no' || setup.missing.includes('etfFlows')).toBe(true);
  });

  it('a missing btcValue on one served day makes the sums over it unknown, not smaller', async () => {
    emu.setFault(CMC, {
      kind: 'drift',
      path: ETF_PATH,
      transform: (json: unknown) => {
        const pts = (json as { data: { points: Record<string, unknown>[] } }).data.points;
        delete pts[pts.length - 2]!.btcValue;
        return json;
      },
    });
    const r = await refresh(fresh());
    const f = r.snapshot.evaluation.etfFlows!;
    const missing = addDays('2026-12-02', -1);
    expect(isUsSession(missing)).toBe(true);
    expect(f.btc!.short).toMatchObject({ value: null, missing: [missing] });
    expect(f.btc!.long.value).toBeNull();
    expect(f.eth!.short.value).not.toBeNull();
    expect(f.rotation === false || f.rotation === null).toBe(true);
  });

  it('the direct fetch of a 10 MB body is refused by the size cap', async () => {
    emu.setFault(CMC, { kind: 'huge', bytes: 10 * 1024 * 1024, path: ETF_PATH });
    const r = await fetchCmcEtfNetflow(emu.fetch, { now: T0 });
    expect(r.ok ? null : r.error.kind).toBe('too-large');
  });
});
