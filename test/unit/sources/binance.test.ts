import { describe, expect, it } from 'vitest';
import {
  binanceKlinesUrl,
  binancePair,
  fetchBinanceCloses,
  fetchEthBtc,
  parseBinanceKlines,
} from '../../../lib/sources/binance';
import { fakeFetch, instant, json } from '../net/fake-fetch';
import { clone, raw, seriesCsv } from './fixtures';

type Row = [number, string, string, string, string, string, number, ...unknown[]];
const btc = raw<Row[]>('binance-klines/btc-1d.json');
const last = btc[btc.length - 1]!;
// Recorded while the 2026-06-06 candle was open: "now" is inside it.
const NOW_OPEN = last[0] + 12 * 3_600_000;

describe('Binance klines on the real recorded BTCUSDT response', () => {
  const r = parseBinanceKlines(btc, { now: NOW_OPEN, symbol: 'BTCUSDT' });

  it('drops the still-open last candle and keeps every closed day', () => {
    expect(btc).toHaveLength(2471);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value.points;
    expect(p).toHaveLength(2470);
    expect(p[0]).toEqual({ date: '2019-09-01', value: 9724.98 });
    expect(p.at(-1)).toEqual({ date: '2026-06-05', value: 61056.47 });
    expect(p.some((x) => x.date === '2026-06-06')).toBe(false);
    expect(r.value.source).toBe('Binance closes');
  });

  it('keeps the last candle once it has closed', () => {
    const closed = parseBinanceKlines(btc, { now: last[6] + 1, symbol: 'BTCUSDT' });
    expect(closed.ok && closed.value.points.at(-1)).toEqual({ date: '2026-06-06', value: 60783.51 });
    expect(closed.ok && closed.value.points).toHaveLength(2471);
  });

  it('dates each candle by the UTC day of its open, ascending, one per day', () => {
    if (!r.ok) throw new Error('parse failed');
    const dates = r.value.points.map((x) => x.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(r.value.points[1]).toEqual({ date: '2019-09-02', value: 10340 });
  });

  it.each(['btc', 'eth', 'sol'])('%s: equals the independently recorded Binance closes on every common day', (sym) => {
    const rows = raw<Row[]>(`binance-klines/${sym}-1d.json`);
    const parsed = parseBinanceKlines(rows, { now: NOW_OPEN, symbol: `${sym.toUpperCase()}USDT` });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const ref = seriesCsv(`coins/${sym.toUpperCase()}.csv`);
    const common = parsed.value.points.filter((p) => ref.has(p.date));
    expect(common.length).toBe(887); // 2024-01-01 .. 2026-06-05
    for (const p of common) expect(p.value).toBe(ref.get(p.date));
  });
});

describe('Binance klines faults', () => {
  const rows = () => clone(btc.slice(0, 5)) as unknown[][];
  const NOW = btc[5]![0];
  const bad = (mutate: (r: unknown[][]) => void) => {
    const r = rows();
    mutate(r);
    return parseBinanceKlines(r, { now: NOW, symbol: 'BTCUSDT' });
  };

  it.each([
    ['NaN close', (r: unknown[][]) => (r[2]![4] = 'NaN'), '2.4'],
    ['empty close', (r: unknown[][]) => (r[2]![4] = ''), '2.4'],
    ['negative close', (r: unknown[][]) => (r[3]![4] = '-1.5'), '3.4'],
    ['zero close', (r: unknown[][]) => (r[3]![4] = '0'), '3.4'],
    ['Infinity close', (r: unknown[][]) => (r[1]![4] = 'Infinity'), '1.4'],
    ['numeric close as null', (r: unknown[][]) => (r[1]![4] = null), '1.4'],
    ['openTime as a string', (r: unknown[][]) => (r[0]![0] = '1567296000000'), '0.0'],
    ['short row (no closeTime)', (r: unknown[][]) => (r[4] = r[4]!.slice(0, 5)), '4.6'],
  ])('%s is a schema error naming the field', (_name, mutate, path) => {
    const r = bad(mutate);
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path } });
    if (!r.ok) expect(r.error.message).toContain(path);
  });

  it('rejects a candle that opens in the future', () => {
    // Two closed days, then a candle four days ahead of "now".
    const r = parseBinanceKlines([btc[0], btc[1], btc[5]], { now: btc[1]![6] + 1, symbol: 'BTCUSDT' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path: '2.0' } });
    if (!r.ok) expect(r.error.message).toContain('future');
  });

  it('rejects rows out of order and an open candle that is not the last', () => {
    expect(bad((r) => r.reverse())).toMatchObject({ ok: false, error: { kind: 'schema', path: '1.0' } });
    expect(bad((r) => (r[2]![6] = NOW + 86_400_000))).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '2.6' },
    });
  });

  it('an error object instead of rows is a schema error, never an empty series', () => {
    expect(parseBinanceKlines({ code: -1121, msg: 'Invalid symbol.' }, { now: NOW, symbol: 'X' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '' },
    });
  });

  it('an empty array is an empty series', () => {
    expect(parseBinanceKlines([], { now: NOW, symbol: 'BTCUSDT' })).toEqual({
      ok: true,
      value: { points: [], source: 'Binance closes' },
    });
  });
});

describe('Binance URLs and fetching', () => {
  it('builds the mirror URL with symbol, daily interval, clamped limit and optional startTime', () => {
    expect(binanceKlinesUrl({ symbol: 'BTCUSDT', limit: 200 })).toBe(
      'https://data-api.binance.vision/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=200',
    );
    expect(
      binanceKlinesUrl({ symbol: 'ETHBTC', limit: 5000, startTime: 1_700_000_000_000 }, 'https://api.binance.com'),
    ).toBe('https://api.binance.com/api/v3/klines?symbol=ETHBTC&interval=1d&limit=1000&startTime=1700000000000');
    expect(binancePair(' sol ')).toBe('SOLUSDT');
  });

  it('falls back to api.binance.com when the mirror fails, and parses', async () => {
    const f = fakeFetch(
      () => new Response('', { status: 503 }),
      () => json(btc.slice(-3)),
    );
    const r = await fetchBinanceCloses(f, { symbol: 'BTCUSDT', limit: 3, now: NOW_OPEN, http: instant });
    expect(f.calls.map((u) => new URL(u).host)).toEqual(['data-api.binance.vision', 'api.binance.com']);
    expect(r.ok && r.value.points.map((p) => p.date)).toEqual(['2026-06-04', '2026-06-05']);
  });

  it('labels errors with the pair and does not call out for a malformed symbol', async () => {
    const f = fakeFetch(() => new Response('', { status: 429, headers: { 'Retry-After': '60' } }));
    const r = await fetchBinanceCloses(f, { symbol: 'BTCUSDT', now: NOW_OPEN, http: instant });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW_OPEN + 60_000 } });
    if (!r.ok) expect(r.error.message.startsWith('Binance BTCUSDT: ')).toBe(true);

    const none = fakeFetch(() => json([]));
    expect(await fetchBinanceCloses(none, { symbol: 'btc/usdt', now: NOW_OPEN })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'symbol' },
    });
    expect(none.calls).toEqual([]);
  });

  it('ETH/BTC comes from the ETHBTC pair and says so', async () => {
    const rows = [[1704067200000, '0.05', '0.06', '0.04', '0.0532', '1', 1704153599999]];
    const f = fakeFetch(() => json(rows));
    const r = await fetchEthBtc(f, { now: 1704153599999 + 1, http: instant });
    expect(f.calls[0]).toContain('symbol=ETHBTC');
    expect(r).toEqual({
      ok: true,
      value: { points: [{ date: '2024-01-01', value: 0.0532 }], source: 'Binance ETHBTC' },
    });
  });
});
