/**
 * The API emulator (test/support/emulator) against the real fixtures: query semantics of every
 * host, faults, HTTPS, the request log, and that the product's parsers (lib/sources) accept its
 * answers. Expected values are read straight from the fixture files here, not through the emulator.
 */
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_NOW,
  NULL_CLOSE_DAY,
  NULL_VOLUME_DAYS,
  SITE_HOSTS,
  startEmulator,
  type Emulator,
} from '../../support/emulator/index';
import { fetchJson } from '../../../lib/net/http';
import { fetchBinanceCloses, parseBinanceKlines } from '../../../lib/sources/binance';
import { fetchYahooDaily, parseYahooChart } from '../../../lib/sources/yahoo';
import {
  fetchCoingeckoExcludedIds,
  parseCoingeckoGlobal,
  parseCoingeckoMarketChart,
  parseCoingeckoMarkets,
} from '../../../lib/sources/coingecko';
import {
  fetchCmcAltcoinSeason,
  parseCmcAltcoinSeason,
  parseCmcDominance,
  parseCmcFearGreed,
  parseCmcListing,
  parseCmcTotal3,
} from '../../../lib/sources/cmc';
import { fetchFearGreed, parseFearGreed } from '../../../lib/sources/alternativeme';
import { parseCoinloreGlobal } from '../../../lib/sources/coinlore';
import { parseCoinpaprikaGlobal } from '../../../lib/sources/coinpaprika';

// ---------- fixture access, independent of the emulator's own loader ----------

const REAL = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));

function csv(rel: string, column = 1): Map<string, number> {
  const lines = readFileSync(REAL + rel, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  return new Map(
    lines.map((l) => {
      const cells = l.split(',');
      return [cells[0]!, Number(cells[column])] as const;
    }),
  );
}
const rutRows = (): Array<{ day: string; open: number; close: number }> =>
  readFileSync(REAL + 'series/rut.csv', 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const c = l.split(',');
      return { day: c[0]!, open: Number(c[1]), close: Number(c[4]) };
    });

const DAY = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const BTC = csv('series/coins/BTC.csv');

type Row = [number, string, string, string, string, string, number, string, number, string, string, string];

let emu: Emulator;

async function get(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; text: string; json: () => any }> {
  const r = await emu.fetch(url, init);
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}
const getJson = async (url: string): Promise<any> => (await get(url)).json();

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.clearFaults();
  emu.setLatency(0);
  emu.setNow(DEFAULT_NOW);
  emu.resetLog();
});

// ---------- Binance ----------

describe('Binance klines', () => {
  const url = (q: string) => `https://data-api.binance.vision/api/v3/klines?interval=1d&${q}`;

  it('answers the last 500 candles by default, rows shaped and valued like Binance, the last one still open', async () => {
    const rows: Row[] = await getJson(url('symbol=BTCUSDT'));
    expect(rows).toHaveLength(500);
    for (const r of rows) {
      expect(r).toHaveLength(12);
      expect(typeof r[0]).toBe('number');
      expect(typeof r[6]).toBe('number');
      expect(typeof r[8]).toBe('number');
      for (const i of [1, 2, 3, 4, 5, 7, 9, 10, 11]) expect(typeof r[i]).toBe('string');
      expect(r[6]).toBe(r[0] + DAY - 1);
      expect(Number(r[2])).toBe(Math.max(Number(r[1]), Number(r[4])));
      expect(Number(r[3])).toBe(Math.min(Number(r[1]), Number(r[4])));
    }
    const open = rows[rows.length - 1]!;
    expect(open[0]).toBe(ms('2026-03-19'));
    expect(open[6]).toBeGreaterThan(DEFAULT_NOW);
    expect(Number(open[4])).toBe(BTC.get('2026-03-18')); // last known close, not the fixture's future close
    expect(Number(open[4])).not.toBe(BTC.get('2026-03-19'));
    const closed = rows[rows.length - 2]!;
    expect(closed[0]).toBe(ms('2026-03-18'));
    expect(closed[4]).toBe('71246.54000000');
    expect(Number(closed[1])).toBe(BTC.get('2026-03-17')); // open = previous close
    for (const r of rows.slice(0, -1)) expect(Number(r[4])).toBe(BTC.get(dayOf(r[0])));
  });

  it('honours limit (capped at 1000), startTime and endTime with Binance semantics', async () => {
    const five: Row[] = await getJson(url('symbol=BTCUSDT&limit=5'));
    expect(five.map((r) => dayOf(r[0]))).toEqual([
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
    ]);
    // A limit above 1000 is accepted and capped; no fixture is longer than 1000 days, so all 809 come back.
    expect(await getJson(url('symbol=BTCUSDT&limit=5000'))).toHaveLength(809);

    const first: Row[] = await getJson(url(`symbol=BTCUSDT&limit=3&startTime=${ms('2024-01-01')}`));
    expect(first.map((r) => dayOf(r[0]))).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(first[0]![1]).toBe(first[0]![4]); // the first candle has no previous close: open = close
    const afterMidnight: Row[] = await getJson(url(`symbol=BTCUSDT&limit=1&startTime=${ms('2024-01-01') + 1}`));
    expect(dayOf(afterMidnight[0]![0])).toBe('2024-01-02'); // first openTime ≥ startTime

    const ending: Row[] = await getJson(url(`symbol=BTCUSDT&limit=2&endTime=${ms('2025-01-01')}`));
    expect(ending.map((r) => dayOf(r[0]))).toEqual(['2024-12-31', '2025-01-01']);
    const both: Row[] = await getJson(
      url(`symbol=BTCUSDT&limit=1000&startTime=${ms('2025-01-01')}&endTime=${ms('2025-01-10')}`),
    );
    expect(both).toHaveLength(10);
  });

  it('serves ETHBTC from the derived ratio file and rejects unknown symbols like Binance', async () => {
    const ratio = csv('raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv');
    const rows: Row[] = await getJson(
      `https://api.binance.com/api/v3/klines?symbol=ETHBTC&interval=1d&limit=2&startTime=${ms('2024-01-01')}`,
    );
    expect(rows.map((r) => Number(r[4]))).toEqual([ratio.get('2024-01-01'), ratio.get('2024-01-02')]);

    const bad = await get(url('symbol=FOOUSDT'));
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect((await get('https://data-api.binance.vision/api/v3/klines?symbol=BTCUSDT')).json().code).toBe(-1102);
  });

  it('follows the simulated clock; a series that has ended gets no open candle', async () => {
    const algo = csv('series/coins/ALGO.csv'); // perpetual data ends 2026-03-18
    let rows: Row[] = await getJson(url('symbol=ALGOUSDT&limit=2'));
    expect(rows.map((r) => dayOf(r[0]))).toEqual(['2026-03-18', '2026-03-19']);
    expect(rows[1]![6]).toBeGreaterThan(emu.now);

    emu.setNow(Date.parse('2026-04-01T12:00:00Z'));
    rows = await getJson(url('symbol=ALGOUSDT&limit=2'));
    expect(rows.map((r) => dayOf(r[0]))).toEqual(['2026-03-17', '2026-03-18']);
    expect(Number(rows[1]![4])).toBe(algo.get('2026-03-18'));

    emu.setNow(Date.parse('2025-06-01T05:00:00Z'));
    rows = await getJson(url('symbol=BTCUSDT&limit=1'));
    expect(dayOf(rows[0]![0])).toBe('2025-06-01');
  });

  it('is accepted by the product parser, which drops the open candle', async () => {
    const json = await getJson(url('symbol=BTCUSDT&limit=400'));
    const r = parseBinanceKlines(json, { now: emu.now, symbol: 'BTCUSDT' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toHaveLength(399);
    expect(r.value.points[r.value.points.length - 1]).toEqual({ date: '2026-03-18', value: 71246.54 });

    const viaFetch = await fetchBinanceCloses(emu.fetch, {
      symbol: 'ETHBTC',
      limit: 30,
      now: emu.now,
      http: { retries: 0 },
    });
    expect(viaFetch.ok && viaFetch.value.points.length).toBe(29);
  });
});

// ---------- Yahoo ----------

describe('Yahoo chart', () => {
  const base = 'https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d';
  const rut = rutRows();
  const rutClose = new Map(rut.map((r) => [r.day, r.close]));

  it('range=10y: daily bars at 09:30 New York with the real closes, Yahoo meta, and nulls like the real ones', async () => {
    const body = await getJson(`${base}&range=10y`);
    const res = body.chart.result[0];
    expect(body.chart.error).toBeNull();
    expect(res.meta).toMatchObject({
      symbol: '^RUT',
      exchangeTimezoneName: 'America/New_York',
      gmtoffset: -14400,
      timezone: 'EDT',
      dataGranularity: '1d',
      range: '10y',
    });
    expect(res.meta.currentTradingPeriod.regular.start).toBe(Date.parse('2026-03-19T13:30:00Z') / 1000);
    expect(res.meta.regularMarketTime).toBe(Date.parse('2026-03-18T20:00:00Z') / 1000); // 16:00 EDT, the last close
    const ts: number[] = res.timestamp;
    const q = res.indicators.quote[0];
    expect(q.close).toHaveLength(ts.length);
    expect(res.indicators.adjclose[0].adjclose).toHaveLength(ts.length);
    const days = ts.map((t) => dayOf(t * 1000));
    expect(days[days.length - 1]).toBe('2026-03-18'); // 08:00 in New York: today's session has not opened
    expect(ts[days.indexOf('2026-01-15')]).toBe(Date.parse('2026-01-15T14:30:00Z') / 1000); // EST
    expect(ts[days.indexOf('2025-07-15')]).toBe(Date.parse('2025-07-15T13:30:00Z') / 1000); // EDT
    days.forEach((d, i) => {
      if (d !== NULL_CLOSE_DAY) expect(q.close[i]).toBe(rutClose.get(d));
    });
    expect(q.close[days.indexOf(NULL_CLOSE_DAY)]).toBeNull();
    expect(q.open[days.indexOf(NULL_CLOSE_DAY)]).not.toBeNull();
    const nullVolumes = days.filter((d, i) => q.volume[i] === null);
    expect(nullVolumes.length).toBeGreaterThanOrEqual(3);
    expect(NULL_VOLUME_DAYS).toEqual(expect.arrayContaining(nullVolumes));
    expect(days[0]! >= '2016-03-19').toBe(true);
  });

  it('range=1mo and 5d select calendar / trading-day spans; period1/period2 win over range', async () => {
    const month = (await getJson(`${base}&range=1mo`)).chart.result[0];
    expect(dayOf(month.timestamp[0] * 1000) >= '2026-02-19').toBe(true);
    const five = (await getJson(`${base}&range=5d`)).chart.result[0];
    expect(five.timestamp.map((t: number) => dayOf(t * 1000))).toEqual([
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
    ]);
    const p1 = Date.parse('2025-09-15T00:00:00Z') / 1000;
    const p2 = Date.parse('2025-09-20T00:00:00Z') / 1000;
    const week = (await getJson(`${base}&range=10y&period1=${p1}&period2=${p2}`)).chart.result[0];
    expect(week.meta.range).toBe('');
    expect(week.indicators.quote[0].close).toEqual([2405.13, 2403.03, 2407.34, 2467.7, 2448.77]);
  });

  it('range=max answers MONTHLY bars, as the real API does', async () => {
    const res = (await getJson(`${base}&range=max`)).chart.result[0];
    expect(res.meta.dataGranularity).toBe('1mo');
    const ts: number[] = res.timestamp;
    expect(ts.length).toBeGreaterThan(110);
    expect(ts.length).toBeLessThan(130);
    const sept = ts.findIndex((t) => new Date(t * 1000).toISOString().startsWith('2025-09-01'));
    expect(ts[sept]).toBe(Date.parse('2025-09-01T04:00:00Z') / 1000); // 00:00 New York
    expect(res.indicators.quote[0].close[sept]).toBe(2436.48); // last close of September 2025
    const parsed = parseYahooChart({ chart: { result: [res], error: null } }, { now: emu.now, symbol: '^RUT' });
    expect(parsed.ok).toBe(false); // the product refuses monthly bars
  });

  it('an empty range has no timestamp and quote [{}]; an unknown symbol is a 404 chart error', async () => {
    const res = (await getJson(`${base}&period1=0&period2=100`)).chart.result[0];
    expect(res.timestamp).toBeUndefined();
    expect(res.indicators.quote).toEqual([{}]);
    expect(parseYahooChart({ chart: { result: [res], error: null } }, { now: emu.now, symbol: '^RUT' })).toMatchObject({
      ok: true,
      value: { series: { points: [] } },
    });
    const nf = await get('https://query2.finance.yahoo.com/v8/finance/chart/NOPE?interval=1d&range=1mo');
    expect(nf.status).toBe(404);
    expect(nf.json().chart).toMatchObject({ result: null, error: { code: 'Not Found' } });
  });

  it('during the session the day appears twice (09:30 with null close, then live); after 16:00 it is final', async () => {
    emu.setNow(Date.parse('2026-03-19T15:00:00Z')); // 11:00 EDT
    const live = await getJson(`${base}&range=5d`);
    const res = live.chart.result[0];
    const n = res.timestamp.length;
    expect(res.timestamp[n - 2]).toBe(Date.parse('2026-03-19T13:30:00Z') / 1000);
    expect(res.timestamp[n - 1]).toBe(emu.now / 1000);
    expect(res.indicators.quote[0].close[n - 2]).toBeNull();
    expect(res.meta.regularMarketTime).toBe(emu.now / 1000);
    const parsed = parseYahooChart(live, { now: emu.now, symbol: '^RUT' });
    expect(parsed.ok && parsed.value.intraday?.date).toBe('2026-03-19');
    expect(parsed.ok && parsed.value.series.points.at(-1)?.date).toBe('2026-03-18');

    emu.setNow(Date.parse('2026-03-19T20:30:00Z')); // 16:30 EDT
    const done = await fetchYahooDaily(emu.fetch, { mode: 'update', now: emu.now, http: { retries: 0 } });
    expect(done.ok && done.value.series.points.at(-1)).toEqual({
      date: '2026-03-19',
      value: rutClose.get('2026-03-19'),
    });
    expect(done.ok && done.value.intraday).toBeNull();
  });

  it('is accepted by the product parser over the full history, skipping the null close', async () => {
    const r = await fetchYahooDaily(emu.fetch, { mode: 'full', now: emu.now, http: { retries: 0 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const pts = r.value.series.points;
    expect(pts[0]).toEqual({ date: rut[0]!.day, value: rut[0]!.close });
    expect(pts.some((p) => p.date === NULL_CLOSE_DAY)).toBe(false);
    expect(pts.find((p) => p.date === '2025-09-19')?.value).toBe(2448.77);
    expect(pts.length).toBe(rut.filter((x) => x.day <= '2026-03-18').length - 1);
  });
});

// ---------- CoinGecko ----------

describe('CoinGecko', () => {
  const markets = (q: string) =>
    getJson(`https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&${q}`);

  it('paginates the universe by market cap; ranks are global', async () => {
    const all: any[] = await markets('per_page=250&page=1');
    expect(all).toHaveLength(77 + 6);
    expect(all.map((c) => c.market_cap)).toEqual([...all.map((c) => c.market_cap)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({
      id: 'bitcoin',
      symbol: 'btc',
      market_cap_rank: 1,
      market_cap: 1863353028591.535,
      current_price: 71246.54,
    });
    const p1: any[] = await markets('per_page=10&page=1');
    const p2: any[] = await markets('per_page=10&page=2');
    expect([...p1, ...p2].map((c) => c.id)).toEqual(all.slice(0, 20).map((c) => c.id));
    expect(p2.map((c) => c.market_cap_rank)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(await markets('per_page=10&page=9')).toHaveLength(3);
    expect(await markets('per_page=10&page=10')).toEqual([]);
    const parsed = parseCoingeckoMarkets(all);
    expect(parsed.ok && parsed.value.length).toBe(83);
  });

  it('filters by category, and the product builds its exclusion map from it', async () => {
    const ids = async (cat: string) => ((await markets(`category=${cat}`)) as any[]).map((c) => c.id);
    expect(await ids('stablecoins')).toEqual(['tether', 'usd-coin', 'dai']);
    expect(await ids('wrapped-tokens')).toEqual(['wrapped-bitcoin']);
    expect(await ids('liquid-staking-tokens')).toEqual(['staked-ether']);
    expect(await ids('tokenized-btc')).toEqual(['wrapped-bitcoin']);
    expect(await ids('asset-backed-tokens')).toEqual(['tether-gold']);
    expect(await ids('no-such-category')).toEqual([]);
    const stable: any[] = await markets('category=stablecoins');
    expect(stable.map((c) => c.market_cap_rank)).toEqual(expect.arrayContaining([3]));

    const excluded = await fetchCoingeckoExcludedIds(emu.fetch, { now: emu.now, http: { retries: 0 } });
    expect(excluded.ok).toBe(true);
    if (excluded.ok)
      expect(Object.keys(excluded.value).sort()).toEqual([
        'dai',
        'staked-ether',
        'tether',
        'tether-gold',
        'usd-coin',
        'wrapped-bitcoin',
      ]);
    expect(emu.count('api.coingecko.com')).toBe(7 + 6);
  });

  it('/global serves the real dominance snapshot on or before now (else the first one)', async () => {
    const g = await getJson('https://api.coingecko.com/api/v3/global');
    expect(g.data.market_cap_percentage.btc).toBe(58.11); // default now precedes the first snapshot (2026-04-24)
    expect(g.data.updated_at * 1000).toBeLessThanOrEqual(emu.now);
    expect(parseCoingeckoGlobal(g, { now: emu.now })).toMatchObject({
      ok: true,
      value: { btcDominance: 58.11, ethDominance: 10.44 },
    });
    emu.setNow(Date.parse('2026-09-15T12:00:00Z'));
    const later = await getJson('https://api.coingecko.com/api/v3/global');
    expect(later.data.market_cap_percentage.btc).toBe(csv('series/btc-dominance.csv').get('2026-09-15'));
  });

  it('market_chart: daily points at 00:00 carrying the previous close, then a live point; > 365 days refused', async () => {
    const sol = csv('series/coins/SOL.csv');
    const body = await getJson(
      'https://api.coingecko.com/api/v3/coins/solana/market_chart?vs_currency=usd&days=30&interval=daily',
    );
    expect(body.prices).toHaveLength(32);
    expect(body.prices[0]).toEqual([ms('2026-02-17'), sol.get('2026-02-16')]);
    expect(body.prices.at(-1)).toEqual([emu.now, sol.get('2026-03-18')]);
    const r = parseCoingeckoMarketChart(body, { now: emu.now, id: 'solana' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.closes.points.at(-1)).toEqual({ date: '2026-03-18', value: sol.get('2026-03-18') });
      expect(r.value.closes.points).toHaveLength(31);
    }
    const tooLong = await get('https://api.coingecko.com/api/v3/coins/solana/market_chart?vs_currency=usd&days=366');
    expect(tooLong.status).toBe(401);
    expect(tooLong.json().error.status.error_code).toBe(10012);
    expect((await get('https://api.coingecko.com/api/v3/coins/nope/market_chart?vs_currency=usd&days=1')).status).toBe(
      404,
    );
  });
});

// ---------- alternative.me, CoinPaprika, CoinLore ----------

describe('alternative.me and the dominance fallbacks', () => {
  const fng = csv('series/fear-greed.csv');

  it('fng: limit, newest first, strings, seconds; limit=0 is all history up to now', async () => {
    const three = await getJson('https://api.alternative.me/fng/?limit=3&format=json');
    expect(three.data.map((d: any) => d.timestamp)).toEqual(
      ['2026-03-19', '2026-03-18', '2026-03-17'].map((d) => String(ms(d) / 1000)),
    );
    expect(three.data[0]).toEqual({
      value: '23',
      value_classification: 'Extreme Fear',
      timestamp: String(ms('2026-03-19') / 1000),
      time_until_update: '43200',
    });
    expect(three.data[1].time_until_update).toBeUndefined();
    expect(three.metadata).toEqual({ error: null });
    expect((await getJson('https://api.alternative.me/fng/')).data).toHaveLength(1);

    const all = await getJson('https://api.alternative.me/fng/?limit=0&format=json');
    const upToNow = [...fng.keys()].filter((d) => d <= '2026-03-19');
    expect(all.data).toHaveLength(upToNow.length);
    const stamps = all.data.map((d: any) => Number(d.timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    const parsed = parseFearGreed(all, { now: emu.now });
    expect(parsed.ok && parsed.value.points.length).toBe(upToNow.length);
    expect(parsed.ok && parsed.value.points[0]).toEqual({ date: '2018-02-01', value: fng.get('2018-02-01') });
  });

  it('CoinPaprika and CoinLore answer in their shapes and the parsers accept them', async () => {
    const p = await getJson('https://api.coinpaprika.com/v1/global');
    expect(parseCoinpaprikaGlobal(p, { now: emu.now })).toMatchObject({ ok: true, value: { value: 58.11 } });
    const l = await getJson('https://api.coinlore.net/api/global/');
    expect(l[0].btc_d).toBe('58.11');
    expect(parseCoinloreGlobal(l, { now: emu.now })).toMatchObject({ ok: true, value: { value: 58.11 } });
  });
});

// ---------- CoinMarketCap ----------

describe('CoinMarketCap data-api', () => {
  const cmc = 'https://api.coinmarketcap.com/data-api';

  it('listing: CMC envelope, tags, percentChange90d from the real closes', async () => {
    const body = await getJson(
      `${cmc}/v3/cryptocurrency/listing?start=1&limit=200&sortBy=market_cap&sortType=desc&convert=USD`,
    );
    expect(body.status).toMatchObject({ error_code: '0', error_message: 'SUCCESS' });
    const r = parseCmcListing(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(83);
    expect(r.value.find((c) => c.symbol === 'USDT')?.tags).toContain('stablecoin');
    expect(r.value.find((c) => c.symbol === 'XAUT')?.tags).toContain('tokenized-gold');
    const sol = csv('series/coins/SOL.csv');
    const expected = (sol.get('2026-03-18')! / sol.get('2025-12-18')! - 1) * 100;
    expect(r.value.find((c) => c.symbol === 'SOL')?.percentChange90d).toBeCloseTo(expected, 6);
  });

  it('dominance and TOTAL3 charts (SYNTHETIC model): parse, add up, end with a live point', async () => {
    const dom = await getJson(`${cmc}/v3/global-metrics/dominance/chart?range=all`);
    const last = dom.data.points.at(-1);
    expect(last.timestamp).toBe(String(emu.now / 1000));
    for (const p of dom.data.points.slice(-30))
      expect(p.dominance[0] + p.dominance[1] + p.dominance[2]).toBeCloseTo(100, 6);
    const d = parseCmcDominance(dom, { now: emu.now });
    expect(d.ok && d.value.btc.points.at(-1)?.date).toBe('2026-03-19');

    const t3 = await getJson(`${cmc}/v4/global-metrics/quotes/historical?convertId=2781&range=1y`);
    const t = parseCmcTotal3(t3, { now: emu.now });
    expect(t.ok).toBe(true);
    if (t.ok) expect(t.value.points.length).toBeGreaterThan(360);
    const weekly = await getJson(`${cmc}/v4/global-metrics/quotes/historical?convertId=2781&range=all`);
    const gaps = weekly.data.points
      .slice(0, -1)
      .map((p: any, i: number, a: any[]) => (i ? Number(p.timestamp) - Number(a[i - 1].timestamp) : 7 * 86400));
    expect(new Set(gaps)).toEqual(new Set([7 * 86400]));
  });

  it('altcoin-season needs start and end; fear-greed is CMC-shaped and not alternative.me', async () => {
    const missing = await get(`${cmc}/v3/altcoin-season/chart?start=1773100800`);
    expect(missing.status).toBe(400);
    expect(missing.json().status.error_code).toBe('400');
    expect(parseCmcAltcoinSeason(missing.json(), { now: emu.now }).ok).toBe(false);
    const season = await fetchCmcAltcoinSeason(emu.fetch, { now: emu.now, days: 30, http: { retries: 0 } });
    // 30 midnights (02-18 .. 03-19) plus the live point, which falls on 03-19 again: 30 days.
    expect(season.ok && season.value.points.length).toBe(30);
    expect(season.ok && season.value.points.every((p) => p.value >= 0 && p.value <= 100)).toBe(true);

    const fg = await getJson(`${cmc}/v3/fear-greed/chart?start=${ms('2026-03-01') / 1000}&end=${emu.now / 1000}`);
    const parsed = parseCmcFearGreed(fg, { now: emu.now });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      const fng = csv('series/fear-greed.csv');
      expect(parsed.value.points.some((p) => p.value !== fng.get(p.date))).toBe(true);
    }
  });
});

// ---------- faults ----------

describe('faults', () => {
  const klines = 'https://data-api.binance.vision/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=5';
  const instant = { retries: 0, sleep: async () => {}, random: () => 0 } as const;

  it('status faults: 500, 429 with Retry-After (seconds or HTTP date), 451, 403 with a body', async () => {
    emu.setFault('data-api.binance.vision', { status: 500 });
    const e500 = await get(klines);
    expect(e500.status).toBe(500);
    expect(e500.json()).toHaveProperty('code');

    emu.setFault('api.coingecko.com', { status: 429, retryAfter: '120' });
    const r429 = await get('https://api.coingecko.com/api/v3/global');
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('120');
    const limited = await fetchJson(emu.fetch, 'https://api.coingecko.com/api/v3/global', {
      ...instant,
      now: () => 1_000_000,
    });
    expect(limited).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: 1_120_000 } });
    const date = new Date(Date.now() + 300_000).toUTCString();
    emu.setFault('api.coingecko.com', { status: 429, retryAfter: date });
    expect((await get('https://api.coingecko.com/api/v3/global')).headers.get('retry-after')).toBe(date);

    emu.setFault('api.binance.com', { status: 451 });
    const g = await get('https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1d');
    expect(g.status).toBe(451);
    expect(g.json().msg).toMatch(/restricted location/);

    emu.setFault('data-api.binance.vision', {
      status: 403,
      body:
        "<html><body>Request blocked. We can't connect to the server for this app. Blocked access " +
        'from your country.</body></html>',
    });
    const f = await get(klines);
    expect(f.status).toBe(403);
    expect(f.text).toMatch(/Blocked access from your country/);
    expect(await fetchJson(emu.fetch, klines, instant)).toMatchObject({
      ok: false,
      error: { kind: 'geo-blocked', status: 403 },
    });
    expect(emu.requests.at(-1)).toMatchObject({ status: 403, fault: 'status:403' });
  });

  it('the product falls back to api.binance.com when the mirror is geo-blocked', async () => {
    emu.setFault('data-api.binance.vision', { status: 451 });
    const r = await fetchBinanceCloses(emu.fetch, { symbol: 'SOLUSDT', limit: 10, now: emu.now, http: instant });
    expect(r.ok && r.value.points).toHaveLength(9);
    expect(emu.count('data-api.binance.vision')).toBe(1);
    expect(emu.count('api.binance.com')).toBe(1);
  });

  it('challenge, truncated, huge (with and without Content-Length)', async () => {
    emu.setFault('api.coingecko.com', { kind: 'challenge' });
    const c = await get('https://api.coingecko.com/api/v3/global');
    expect(c.status).toBe(200);
    expect(c.headers.get('content-type')).toMatch(/text\/html/);
    expect(c.text).toMatch(/Just a moment\.\.\./);
    expect(await fetchJson(emu.fetch, 'https://api.coingecko.com/api/v3/global', instant)).toMatchObject({
      ok: false,
      error: { kind: 'challenge' },
    });

    emu.setFault('api.alternative.me', { kind: 'truncated' });
    emu.setLatency(0);
    const t = await get('https://api.alternative.me/fng/?limit=10');
    emu.setFault('api.alternative.me', null);
    const full = await get('https://api.alternative.me/fng/?limit=10');
    expect(t.text).toBe(full.text.slice(0, Math.floor(full.text.length / 2)));
    expect(() => JSON.parse(t.text)).toThrow();

    emu.setFault('api.coinlore.net', { kind: 'huge', bytes: 10 * 1024 * 1024 });
    const h = await get('https://api.coinlore.net/api/global/');
    expect(h.headers.get('content-length')).toBe(String(10 * 1024 * 1024));
    expect(h.text.length).toBe(10 * 1024 * 1024);
    expect(Array.isArray(h.json())).toBe(true);
    expect(await fetchJson(emu.fetch, 'https://api.coinlore.net/api/global/', instant)).toMatchObject({
      ok: false,
      error: { kind: 'too-large' },
    });
    emu.setFault('api.coinlore.net', { kind: 'huge', bytes: 6 * 1024 * 1024, chunked: true });
    const chunked = await emu.fetch('https://api.coinlore.net/api/global/');
    expect(chunked.headers.get('content-length')).toBeNull();
    await chunked.body?.cancel();
    expect(await fetchJson(emu.fetch, 'https://api.coinlore.net/api/global/', instant)).toMatchObject({
      ok: false,
      error: { kind: 'too-large' },
    });
  });

  it('hang never answers (the client times out), and close() is prompt even with a hanging socket', async () => {
    emu.setFault('api.coinpaprika.com', { kind: 'hang' });
    await expect(
      emu.fetch('https://api.coinpaprika.com/v1/global', { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(emu.requests.at(-1)).toMatchObject({ host: 'api.coinpaprika.com', status: 0, fault: 'hang' });
    expect(
      await fetchJson(emu.fetch, 'https://api.coinpaprika.com/v1/global', { ...instant, timeoutMs: 100 }),
    ).toMatchObject({ ok: false, error: { kind: 'timeout' } });

    const other = await startEmulator();
    other.setFault('api.coinpaprika.com', { kind: 'hang' });
    const pending = other.fetch('https://api.coinpaprika.com/v1/global').then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('drift changes the shape (arrays → objects, objects → bare values) and the parsers reject it', async () => {
    emu.setFault('data-api.binance.vision', { kind: 'drift' });
    const rows = await getJson(klines);
    expect(Array.isArray(rows)).toBe(false);
    expect(parseBinanceKlines(rows, { now: emu.now, symbol: 'BTCUSDT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema' },
    });

    emu.setFault('api.coingecko.com', { kind: 'drift' });
    const g = await getJson('https://api.coingecko.com/api/v3/global');
    expect(typeof g.data).not.toBe('object');
    expect(parseCoingeckoGlobal(g, { now: emu.now }).ok).toBe(false);

    emu.setFault('api.coinmarketcap.com', {
      kind: 'drift',
      transform: (j: any) => ({
        ...j,
        data: { ...j.data, points: j.data.points.map((p: any) => ({ ...p, dominance: { btc: p.dominance[0] } })) },
      }),
    });
    const dom = await getJson('https://api.coinmarketcap.com/data-api/v3/global-metrics/dominance/chart?range=7d');
    expect(dom.data.points[0].dominance).toHaveProperty('btc');
    expect(parseCmcDominance(dom, { now: emu.now })).toMatchObject({ ok: false, error: { kind: 'schema' } });

    for (const host of [
      'query1.finance.yahoo.com',
      'api.alternative.me',
      'api.coinpaprika.com',
      'api.coinlore.net',
    ] as const)
      emu.setFault(host, { kind: 'drift' });
    const y = await getJson('https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d&range=5d');
    expect(parseYahooChart(y, { now: emu.now, symbol: '^RUT' }).ok).toBe(false);
    expect(parseFearGreed(await getJson('https://api.alternative.me/fng/?limit=5'), { now: emu.now }).ok).toBe(false);
    expect(parseCoinpaprikaGlobal(await getJson('https://api.coinpaprika.com/v1/global'), { now: emu.now }).ok).toBe(
      false,
    );
    expect(parseCoinloreGlobal(await getJson('https://api.coinlore.net/api/global/'), { now: emu.now }).ok).toBe(false);
  });

  it('nan turns values into "NaN" or negatives, keeps timestamps, and the parsers reject it', async () => {
    emu.setFault('data-api.binance.vision', { kind: 'nan' });
    const rows: any[] = await getJson(klines);
    expect(rows[0][0]).toBe(ms('2026-03-15'));
    const values = rows.flatMap((r) => [r[1], r[2], r[3], r[4]]);
    expect(values).toContain('NaN');
    expect(values.some((v) => typeof v === 'string' && v.startsWith('-'))).toBe(true);
    expect(parseBinanceKlines(rows, { now: emu.now, symbol: 'BTCUSDT' }).ok).toBe(false);

    emu.setFault('api.alternative.me', { kind: 'nan' });
    const f = await getJson('https://api.alternative.me/fng/?limit=2');
    expect(f.data[0].timestamp).toBe(String(ms('2026-03-19') / 1000));
    expect(['NaN', '-23']).toContain(f.data[0].value);
    expect(parseFearGreed(f, { now: emu.now }).ok).toBe(false);
  });

  it('times and path scope a fault; latency per host and global; clearFaults', async () => {
    emu.setFault('api.alternative.me', { status: 500, times: 1 });
    expect((await get('https://api.alternative.me/fng/')).status).toBe(500);
    expect((await get('https://api.alternative.me/fng/')).status).toBe(200);

    emu.setFault('api.coingecko.com', { status: 503, path: '/global' });
    expect((await get('https://api.coingecko.com/api/v3/global')).status).toBe(503);
    expect((await get('https://api.coingecko.com/api/v3/ping')).status).toBe(200);
    emu.clearFaults();
    expect((await get('https://api.coingecko.com/api/v3/global')).status).toBe(200);

    emu.setLatency(150, 'api.coinlore.net');
    let t0 = Date.now();
    await get('https://api.coinlore.net/api/global/');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    t0 = Date.now();
    await get('https://api.coinpaprika.com/v1/global');
    expect(Date.now() - t0).toBeLessThan(140);
    emu.setLatency(null, 'api.coinlore.net');
    emu.setLatency(120);
    t0 = Date.now();
    await get('https://api.coinpaprika.com/v1/global');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    emu.setLatency(0);

    expect(() => emu.setFault('api.example.com', { status: 500 })).toThrow(/unknown host/);
  });
});

// ---------- HTTPS, routing, log ----------

describe('HTTPS, routing and the request log', () => {
  function httpsGet(
    host: string,
    path: string,
    opts: { ca?: string } = {},
  ): Promise<{ status: number; body: string; san: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: emu.httpsPort,
          path,
          servername: host,
          headers: { host },
          ...(opts.ca ? { ca: opts.ca } : { rejectUnauthorized: false }),
        },
        (res) => {
          const san = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().subjectaltname ?? '';
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, san }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('serves every API host over HTTPS by Host/SNI with a certificate valid for them', async () => {
    const r = await httpsGet('api.coingecko.com', '/api/v3/global');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).data.market_cap_percentage.btc).toBe(58.11);
    for (const h of [...emu.apiHosts, ...SITE_HOSTS]) expect(r.san).toContain(`DNS:${h}`);
    // Verified against the test CA: hostname checks pass for the real host name.
    const verified = await httpsGet('data-api.binance.vision', '/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1', {
      ca: emu.certPem,
    });
    expect(JSON.parse(verified.body)[0][0]).toBe(ms('2026-03-19'));
    const page = await httpsGet('www.tradingview.com', '/chart/');
    expect(page.body).toMatch(/<title>www\.tradingview\.com/);
    expect(emu.requests.filter((e) => e.protocol === 'https')).toHaveLength(3);

    const cert = new X509Certificate(emu.certPem);
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBeGreaterThan(9 * 365 * DAY);
    for (const h of [...emu.apiHosts, ...SITE_HOSTS])
      expect(emu.hostResolverRules).toContain(`MAP ${h} 127.0.0.1:${emu.httpsPort}`);
    expect(emu.chromiumArgs[0]).toBe(`--host-resolver-rules=${emu.hostResolverRules}`);
  });

  it('routes plain HTTP by x-emulated-host; route() adds handlers in front of the built-ins', async () => {
    const res = await fetch(`${emu.httpUrl}/fng/?limit=1`, { headers: { 'x-emulated-host': 'api.alternative.me' } });
    expect((await res.json()).data).toHaveLength(1);
    const remove = emu.route('www.binance.com', (req) =>
      req.pathname === '/en/trade/BTC_USDT'
        ? { status: 200, text: '<html>trade page</html>', headers: { 'content-type': 'text/html' } }
        : undefined,
    );
    expect((await get('https://www.binance.com/en/trade/BTC_USDT')).text).toBe('<html>trade page</html>');
    expect((await get('https://www.binance.com/other')).text).toMatch(/test stub/);
    remove();
    expect((await get('https://www.binance.com/en/trade/BTC_USDT')).text).toMatch(/test stub/);
  });

  it('logs every request with host, path, status and bytes; count() by host or predicate; resetLog()', async () => {
    const a = await get('https://api.alternative.me/fng/?limit=2&format=json');
    const b = await get('https://data-api.binance.vision/api/v3/klines?symbol=NOPE&interval=1d');
    await get('https://api.alternative.me/fng/');
    expect(emu.requests).toHaveLength(3);
    expect(emu.requests[0]).toMatchObject({
      host: 'api.alternative.me',
      path: '/fng/?limit=2&format=json',
      status: 200,
      bytes: Buffer.byteLength(a.text),
      protocol: 'http',
      simNow: emu.now,
    });
    expect(emu.requests[1]).toMatchObject({
      host: 'data-api.binance.vision',
      status: 400,
      bytes: Buffer.byteLength(b.text),
    });
    expect(emu.count('api.alternative.me')).toBe(2);
    expect(emu.count((e) => e.status >= 400)).toBe(1);
    expect(emu.count()).toBe(3);
    emu.resetLog();
    expect(emu.count()).toBe(0);
  });
});
