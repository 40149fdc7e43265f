import { describe, expect, it } from 'vitest';
import {
  exchangeDayOf,
  fetchYahooDaily,
  parseYahooChart,
  yahooChartUrl,
  yahooSource,
} from '../../../lib/sources/yahoo';
import { fakeFetch, instant, json } from '../net/fake-fetch';
import { clone, raw } from './fixtures';

interface Chart {
  chart: {
    result: Array<{
      meta: Record<string, unknown> & {
        regularMarketTime: number;
        currentTradingPeriod?: { regular: { start: number; end: number } };
      };
      timestamp?: number[];
      indicators: { quote: Array<Record<string, Array<number | null>>> };
    }>;
    error: unknown;
  };
}

const spy = raw<Chart>('yahoo-chart/SPY.json');
const btcUsd = raw<Chart>('yahoo-chart/BTC-USD.json');
const meta = (c: Chart) => c.chart.result[0]!.meta;
// Recorded intraday: one minute after the last trade it reports.
const spyNow = meta(spy).regularMarketTime * 1000 + 60_000;
const btcNow = meta(btcUsd).regularMarketTime * 1000 + 60_000;

describe('Yahoo chart on real recorded responses (range=5y, last bar intraday)', () => {
  it('SPY: skips the null-close bar, drops the live bar of an open session', () => {
    const r = parseYahooChart(spy, { now: spyNow, symbol: 'SPY' });
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value.series.points;
    expect(spy.chart.result[0]!.timestamp).toHaveLength(1257);
    // 1257 bars: one with a null close (2026-03-24 13:30 UTC), one live (17:31 UTC, same day) → 1255 days.
    expect(p).toHaveLength(1255);
    expect(p[0]).toEqual({ date: '2021-03-24', value: 387.5199890136719 });
    expect(p.at(-1)).toEqual({ date: '2026-03-23', value: 655.3800048828125 });
    expect(r.value.intraday).toEqual({ date: '2026-03-24', value: 653.875 });
    expect(r.value.timezone).toBe('America/New_York');
    expect(r.value.series.source).toBe('Yahoo SPY');
    expect(p.every((x) => Number.isFinite(x.value) && x.value > 0)).toBe(true);
    const dates = p.map((x) => x.date);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('SPY: maps both summer (13:30 UTC) and winter (14:30 UTC) opens to the New York day', () => {
    const r = parseYahooChart(spy, { now: spyNow, symbol: 'SPY' });
    if (!r.ok) throw new Error(r.error.message);
    const ts = spy.chart.result[0]!.timestamp!;
    const winter = ts.findIndex((t) => new Date(t * 1000).toISOString() === '2021-11-08T14:30:00.000Z');
    expect(winter).toBeGreaterThan(0);
    expect(r.value.series.points.find((x) => x.date === '2021-11-08')?.value).toBe(
      spy.chart.result[0]!.indicators.quote[0]!.close![winter],
    );
  });

  it('SPY: keeps the last bar once the session has closed and the data reached the close', () => {
    const c = clone(spy);
    const end = meta(c).currentTradingPeriod!.regular.end;
    meta(c).regularMarketTime = end;
    const r = parseYahooChart(c, { now: end * 1000 + 5 * 60_000, symbol: 'SPY' });
    expect(r.ok && r.value.series.points.at(-1)).toEqual({ date: '2026-03-24', value: 653.875 });
    expect(r.ok && r.value.intraday).toBeNull();
  });

  it('SPY: still drops it after the close when the quote is delayed (regularMarketTime before the close)', () => {
    const end = meta(spy).currentTradingPeriod!.regular.end;
    const r = parseYahooChart(spy, { now: end * 1000 + 5 * 60_000, symbol: 'SPY' });
    expect(r.ok && r.value.series.points.at(-1)?.date).toBe('2026-03-23');
  });

  it('without currentTradingPeriod: drops a bar of today, keeps it the next day', () => {
    const c = clone(spy);
    delete meta(c).currentTradingPeriod;
    const today = parseYahooChart(c, { now: spyNow, symbol: 'SPY' });
    expect(today.ok && today.value.series.points.at(-1)?.date).toBe('2026-03-23');
    const tomorrow = parseYahooChart(c, { now: spyNow + 86_400_000, symbol: 'SPY' });
    expect(tomorrow.ok && tomorrow.value.series.points.at(-1)).toEqual({ date: '2026-03-24', value: 653.875 });
  });

  it('BTC-USD (UTC exchange): drops the running day, keeps the previous close', () => {
    const r = parseYahooChart(btcUsd, { now: btcNow, symbol: 'BTC-USD' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.series.points).toHaveLength(1826);
    expect(r.value.series.points[0]).toEqual({ date: '2021-03-24', value: 52774.265625 });
    expect(r.value.series.points.at(-1)).toEqual({ date: '2026-03-23', value: 70914.859375 });
    expect(r.value.intraday).toEqual({ date: '2026-03-24', value: 69124.4140625 });
  });
});

/** A small chart payload in Yahoo's documented shape (hand-made). */
function chart(opts: {
  tz?: string;
  gmtoffset?: number;
  stamps?: number[];
  closes?: Array<number | null>;
  extraMeta?: Record<string, unknown>;
}) {
  return {
    chart: {
      result: [
        {
          meta: {
            symbol: '^RUT',
            exchangeTimezoneName: opts.tz,
            gmtoffset: opts.gmtoffset,
            dataGranularity: '1d',
            ...opts.extraMeta,
          },
          ...(opts.stamps ? { timestamp: opts.stamps } : {}),
          indicators: { quote: [opts.closes ? { close: opts.closes } : {}] },
        },
      ],
      error: null,
    },
  };
}
const s = (iso: string) => Date.parse(iso) / 1000;
const LATER = Date.UTC(2024, 5, 1);

describe('Yahoo chart rules (hand-made payloads in the documented shape)', () => {
  it('dates a bar by its exchange-local day, not the UTC day', () => {
    // 20:00 New York on 2 Jan is 01:00 UTC on 3 Jan.
    const ny = parseYahooChart(
      chart({ tz: 'America/New_York', stamps: [s('2024-01-03T01:00:00Z')], closes: [1950.5] }),
      { now: LATER, symbol: '^RUT' },
    );
    expect(ny.ok && ny.value.series.points).toEqual([{ date: '2024-01-02', value: 1950.5 }]);
    // A Sydney open (10:00 AEDT) is 23:00 UTC the day before.
    const syd = parseYahooChart(
      chart({ tz: 'Australia/Sydney', stamps: [s('2024-01-01T23:00:00Z')], closes: [7500] }),
      { now: LATER, symbol: '^AXJO' },
    );
    expect(syd.ok && syd.value.series.points[0]?.date).toBe('2024-01-02');
    // Unknown zone name: the fixed gmtoffset is used instead.
    const off = parseYahooChart(
      chart({ tz: 'Mars/Olympus', gmtoffset: 39_600, stamps: [s('2024-01-01T23:00:00Z')], closes: [7500] }),
      { now: LATER, symbol: '^AXJO' },
    );
    expect(off.ok && off.value.series.points[0]?.date).toBe('2024-01-02');
    expect(exchangeDayOf(undefined, undefined)(Date.parse('2024-01-01T23:00:00Z'))).toBe('2024-01-01');
  });

  it('skips a day whose close is null', () => {
    const r = parseYahooChart(
      chart({
        tz: 'America/New_York',
        stamps: [s('2024-01-02T14:30:00Z'), s('2024-01-03T14:30:00Z'), s('2024-01-04T14:30:00Z')],
        closes: [2000, null, 2010],
      }),
      { now: LATER, symbol: '^RUT' },
    );
    expect(r.ok && r.value.series.points).toEqual([
      { date: '2024-01-02', value: 2000 },
      { date: '2024-01-04', value: 2010 },
    ]);
  });

  it('an empty result (no timestamp, quote [{}]) is an empty series, not a crash', () => {
    const r = parseYahooChart(chart({ tz: 'America/New_York' }), { now: LATER, symbol: '^RUT' });
    expect(r).toEqual({
      ok: true,
      value: { series: { points: [], source: 'Yahoo ^RUT' }, intraday: null, timezone: 'America/New_York' },
    });
  });

  it('chart.error is a typed error carrying Yahoo’s words', () => {
    const r = parseYahooChart(
      { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } },
      { now: LATER, symbol: '^RUT' },
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path: 'chart.error' } });
    if (!r.ok)
      expect(r.error.message).toBe('Yahoo ^RUT: Yahoo reported Not Found: No data found, symbol may be delisted');
  });

  it('rejects non-daily bars (what range=max returns), bad closes, future bars and ragged arrays', () => {
    const base = { tz: 'America/New_York', stamps: [s('2024-01-02T14:30:00Z'), s('2024-01-03T14:30:00Z')] };
    expect(
      parseYahooChart(chart({ ...base, closes: [1, 2], extraMeta: { dataGranularity: '1mo' } }), {
        now: LATER,
        symbol: '^RUT',
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result.0.meta.dataGranularity' },
    });
    expect(parseYahooChart(chart({ ...base, closes: [2000, -3] }), { now: LATER, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result.0.indicators.quote.0.close.1' },
    });
    const future = parseYahooChart(chart({ ...base, closes: [2000, 2001] }), {
      now: Date.parse('2024-01-02T20:00:00Z'),
      symbol: '^RUT',
    });
    expect(future).toMatchObject({ ok: false, error: { kind: 'schema', path: 'chart.result.0.timestamp.1' } });
    expect(parseYahooChart(chart({ ...base, closes: [2000] }), { now: LATER, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result.0.indicators.quote.0.close' },
    });
    expect(parseYahooChart({ chart: { result: [], error: null } }, { now: LATER, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'chart.result' },
    });
    expect(parseYahooChart('<html>', { now: LATER, symbol: '^RUT' })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '' },
    });
  });
});

describe('Yahoo URLs and fetching', () => {
  const NOW = Date.UTC(2026, 2, 24, 21);

  it('uses range=10y to start, range=1mo or period1/period2 to update, period1/period2 for everything; never range=max', () => {
    expect(yahooChartUrl('^RUT', 'cold', NOW)).toBe(
      'https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d&range=10y',
    );
    expect(yahooChartUrl('^RUT', 'update', NOW, 'https://query2.finance.yahoo.com')).toBe(
      'https://query2.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d&range=1mo',
    );
    expect(yahooChartUrl('^RUT', 'full', NOW)).toBe(
      `https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d&period1=0&period2=${NOW / 1000}`,
    );
    // an update sized to the cache's gap: from a given day to now, inclusive
    expect(yahooChartUrl('^RUT', 'since', NOW, undefined, NOW - 86_400_000 * 47)).toBe(
      `https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT?interval=1d` +
        `&period1=${NOW / 1000 - 86_400 * 47}&period2=${NOW / 1000}`,
    );
    for (const m of ['cold', 'update', 'full', 'since'] as const)
      expect(yahooChartUrl('^RUT', m, NOW)).not.toContain('range=max');
  });

  it('labels the IWM proxy as a proxy', () => {
    expect(yahooSource('^RUT')).toBe('Yahoo ^RUT');
    expect(yahooSource('IWM')).toBe('Yahoo IWM (ETF proxy for the Russell 2000)');
  });

  it('falls back from query1 to query2', async () => {
    const f = fakeFetch(
      () => new Response('', { status: 502 }),
      () => json(chart({ tz: 'America/New_York', stamps: [s('2026-03-20T13:30:00Z')], closes: [2480.12] })),
    );
    const r = await fetchYahooDaily(f, { mode: 'update', now: NOW, http: instant });
    expect(f.calls.map((u) => new URL(u).host)).toEqual(['query1.finance.yahoo.com', 'query2.finance.yahoo.com']);
    expect(r.ok && r.value.series.points).toEqual([{ date: '2026-03-20', value: 2480.12 }]);
  });

  it('a 429 is returned as rate-limited at once, without trying query2', async () => {
    const f = fakeFetch(() => new Response('Too Many Requests', { status: 429, headers: { 'Retry-After': '300' } }));
    const r = await fetchYahooDaily(f, { mode: 'cold', now: NOW, http: { ...instant, retries: 2 } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW + 300_000 } });
    expect(f.calls).toHaveLength(1);
  });
});
