/**
 * Yahoo Finance chart API: `GET /v8/finance/chart/%5ERUT` on query1/query2.finance.yahoo.com,
 * from the REAL Russell 2000 daily OHLC in test/fixtures/real/series/rut.csv, in the shape of the
 * recorded responses in raw/yahoo-chart/*.json.
 *
 * - A bar's timestamp is 09:30 New York of its trading day, in seconds; meta carries gmtoffset
 *   -14400/-18000 (EDT/EST), exchangeTimezoneName America/New_York, regularMarketTime and
 *   currentTradingPeriod (pre 04:00, regular 09:30–16:00, post until 20:00, New York).
 * - `range=1d|5d` = the last 1 / 5 trading days; `1mo…10y` and `ytd` are calendar spans back from
 *   the simulated now; `max` everything. `period1`/`period2` (seconds, inclusive) win over `range`.
 * - `range=max` with `interval=1d` answers MONTHLY bars (dataGranularity "1mo"), as the real API
 *   does; `interval=1wk|1mo` aggregate too (bar stamped 00:00 New York of the Monday / 1st).
 * - An empty selection has no `timestamp` and `indicators.quote = [{}]`.
 * - During the New York session the current day appears twice, as in the recorded SPY response: a
 *   09:30 bar whose close is null and a live bar stamped regularMarketTime. The live price is
 *   SYNTHETIC: a straight line from the day's open to its close over the session (the fixture has no
 *   intraday data). After 16:00 the day is final.
 * - Nulls like the real ones: close (and adjclose) null on 2024-11-29; volume null on a few half
 *   days (NULL_VOLUME_DAYS). Volumes are SYNTHETIC (the fixture has none): a stable per-day number.
 */
import { hash32, nyDayOf, nyOffsetSec, nyTime, rutDays, type Day, type OhlcDay } from '../data';
import type { EmuRequest, EmuResponse } from '../types';

export const YAHOO_HOSTS = ['query1.finance.yahoo.com', 'query2.finance.yahoo.com'] as const;

export const NULL_CLOSE_DAY = '2024-11-29';
export const NULL_VOLUME_DAYS = ['2019-07-03', '2024-07-03', '2024-12-24', '2025-11-28'];

const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const VALID_RANGES = ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'];
const VALID_INTERVALS = ['1m', '2m', '5m', '15m', '30m', '60m', '90m', '1h', '4h', '1d', '5d', '1wk', '1mo', '3mo'];
const EMULATED_INTERVALS = ['1d', '1wk', '1mo'];

const chartError = (status: number, code: string, description: string): EmuResponse => ({
  status,
  headers: JSON_HEADERS,
  json: { chart: { result: null, error: { code, description } } },
});

interface Bar {
  day: Day;
  /** Seconds. */
  ts: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
}

/** SYNTHETIC daily volume (stable per day), null on NULL_VOLUME_DAYS. */
export function syntheticVolume(day: Day): number | null {
  if (NULL_VOLUME_DAYS.includes(day)) return null;
  return 2_000_000_000 + (hash32(day) % 1_500_000_000);
}

const sec = (ms: number) => Math.floor(ms / 1000);
const tzAbbr = (ms: number) => (nyOffsetSec(ms) === -14400 ? 'EDT' : 'EST');

interface Visible {
  /** Daily bars that exist at `now` (the live day twice while the session runs). */
  bars: Bar[];
  /** Ascending final/live daily rows, one per day (for 52-week stats and previous close). */
  days: Array<OhlcDay & { live: boolean }>;
  live: boolean;
  regularMarketTime: number | undefined;
}

function visibleAt(now: number): Visible {
  const all = rutDays();
  const today = nyDayOf(now);
  const bars: Bar[] = [];
  const days: Visible['days'] = [];
  let live = false;
  let regularMarketTime: number | undefined;
  for (const d of all) {
    if (d.day > today) break;
    const open = nyTime(d.day, 9, 30);
    const close = nyTime(d.day, 16, 0);
    const volume = syntheticVolume(d.day);
    if (d.day < today || now >= close) {
      const c = d.day === NULL_CLOSE_DAY ? null : d.close;
      bars.push({ day: d.day, ts: sec(open), open: d.open, high: d.high, low: d.low, close: c, volume });
      days.push({ ...d, live: false });
      regularMarketTime = sec(close);
    } else if (now >= open) {
      const f = (now - open) / (close - open);
      const price = Math.round((d.open + (d.close - d.open) * f) * 100) / 100;
      const hi = Math.max(d.open, price);
      const lo = Math.min(d.open, price);
      const vol = volume === null ? null : Math.round(volume * f);
      live = true;
      regularMarketTime = sec(now);
      bars.push({ day: d.day, ts: sec(open), open: d.open, high: hi, low: lo, close: null, volume: vol });
      bars.push({ day: d.day, ts: sec(now), open: d.open, high: hi, low: lo, close: price, volume: vol });
      days.push({ day: d.day, open: d.open, high: hi, low: lo, close: price, live: true });
    }
  }
  return { bars, days, live, regularMarketTime };
}

function mondayOf(day: Day): Day {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

function aggregate(bars: Bar[], granularity: '1wk' | '1mo'): Bar[] {
  const groups = new Map<Day, Bar[]>();
  for (const b of bars) {
    const key = granularity === '1mo' ? `${b.day.slice(0, 7)}-01` : mondayOf(b.day);
    const g = groups.get(key);
    if (g) g.push(b);
    else groups.set(key, [b]);
  }
  const out: Bar[] = [];
  for (const [key, g] of groups) {
    const nums = (f: (b: Bar) => number | null) => g.map(f).filter((x): x is number => x !== null);
    const closes = nums((b) => b.close);
    const vols = nums((b) => b.volume);
    out.push({
      day: key,
      ts: sec(nyTime(key, 0, 0)),
      open: nums((b) => b.open)[0] ?? null,
      high: nums((b) => b.high).length ? Math.max(...nums((b) => b.high)) : null,
      low: nums((b) => b.low).length ? Math.min(...nums((b) => b.low)) : null,
      close: closes[closes.length - 1] ?? null,
      volume: vols.length ? vols.reduce((a, v) => a + v, 0) : null,
    });
  }
  return out;
}

function rangeStart(range: string, now: number): number {
  const d = new Date(now);
  const m = /^(\d+)(mo|y)$/.exec(range);
  if (m) {
    const n = Number(m[1]);
    if (m[2] === 'mo') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    return d.getTime();
  }
  if (range === 'ytd') return nyTime(`${nyDayOf(now).slice(0, 4)}-01-01`, 0, 0);
  return 0; // max
}

function tradingPeriod(day: Day) {
  const part = (h1: number, m1: number, h2: number, m2: number) => {
    const start = nyTime(day, h1, m1);
    return { timezone: tzAbbr(start), start: sec(start), end: sec(nyTime(day, h2, m2)), gmtoffset: nyOffsetSec(start) };
  };
  return { pre: part(4, 0, 9, 30), regular: part(9, 30, 16, 0), post: part(16, 0, 20, 0) };
}

export function yahoo(req: EmuRequest): EmuResponse | undefined {
  const m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(req.pathname);
  if (!m) return undefined;
  const symbol = m[1]!.toUpperCase();
  if (symbol !== '^RUT') return chartError(404, 'Not Found', 'No data found, symbol may be delisted');
  const q = req.query;
  const interval = q.get('interval') ?? '1d';
  if (!VALID_INTERVALS.includes(interval)) {
    return chartError(
      400,
      'Bad Request',
      `Invalid input - interval=${interval} is not supported. Valid intervals: [${VALID_INTERVALS.join(', ')}]`,
    );
  }
  if (!EMULATED_INTERVALS.includes(interval)) {
    return chartError(422, 'Unprocessable Entity', `emulator: interval=${interval} is not emulated (daily data only)`);
  }
  const usePeriod = q.has('period1') || q.has('period2');
  const range = usePeriod ? '' : (q.get('range') ?? '1mo');
  if (!usePeriod && !VALID_RANGES.includes(range)) {
    return chartError(
      400,
      'Bad Request',
      `Invalid input - range=${range} is not supported. Valid ranges: [${VALID_RANGES.join(', ')}]`,
    );
  }
  const nowS = sec(req.now);
  let p1 = 0;
  let p2 = nowS;
  if (usePeriod) {
    p1 = Number(q.get('period1') ?? 0);
    p2 = Math.min(nowS, Number(q.get('period2') ?? nowS));
    if (!Number.isFinite(p1) || !Number.isFinite(p2))
      return chartError(400, 'Bad Request', 'Invalid input - period1/period2 must be numbers');
  }

  const vis = visibleAt(req.now);
  let bars: Bar[];
  if (usePeriod) bars = vis.bars.filter((b) => b.ts >= p1 && b.ts <= p2);
  else if (range === '1d' || range === '5d') {
    const keep = new Set([...new Set(vis.bars.map((b) => b.day))].slice(range === '1d' ? -1 : -5));
    bars = vis.bars.filter((b) => keep.has(b.day));
  } else {
    const start = sec(rangeStart(range, req.now));
    bars = vis.bars.filter((b) => b.ts >= start);
  }

  const granularity = range === 'max' && interval === '1d' ? '1mo' : interval;
  const firstDay = bars[0]?.day;
  const prevIdx = firstDay === undefined ? -1 : vis.days.findIndex((d) => d.day === firstDay) - 1;
  if (granularity === '1wk' || granularity === '1mo') bars = aggregate(bars, granularity);

  const last = vis.days[vis.days.length - 1];
  const yearAgo = new Date(req.now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const lastYear = vis.days.filter((d) => d.day >= yearAgo.toISOString().slice(0, 10));
  const today = nyDayOf(req.now);
  const sessionDay = rutDays().some((d) => d.day === today) ? today : (last?.day ?? today);
  const meta: Record<string, unknown> = {
    currency: 'USD',
    symbol: '^RUT',
    exchangeName: 'WCB',
    fullExchangeName: 'Chicago Options',
    instrumentType: 'INDEX',
    firstTradeDate: 558279000,
    regularMarketTime: vis.regularMarketTime,
    hasPrePostMarketData: false,
    gmtoffset: nyOffsetSec(req.now),
    timezone: tzAbbr(req.now),
    exchangeTimezoneName: 'America/New_York',
    regularMarketPrice: last?.close,
    fiftyTwoWeekHigh: lastYear.length ? Math.max(...lastYear.map((d) => d.high)) : undefined,
    fiftyTwoWeekLow: lastYear.length ? Math.min(...lastYear.map((d) => d.low)) : undefined,
    regularMarketDayHigh: last?.high,
    regularMarketDayLow: last?.low,
    regularMarketVolume: last ? (syntheticVolume(last.day) ?? 0) : undefined,
    longName: 'Russell 2000',
    shortName: 'Russell 2000',
    chartPreviousClose: prevIdx >= 0 ? vis.days[prevIdx]!.close : undefined,
    priceHint: 2,
    currentTradingPeriod: tradingPeriod(sessionDay),
    dataGranularity: granularity,
    range,
    validRanges: VALID_RANGES,
  };
  for (const k of Object.keys(meta)) if (meta[k] === undefined) delete meta[k];

  const result: Record<string, unknown> = { meta };
  if (bars.length === 0) {
    result.indicators = { quote: [{}], adjclose: [{}] };
  } else {
    result.timestamp = bars.map((b) => b.ts);
    result.indicators = {
      quote: [
        {
          open: bars.map((b) => b.open),
          high: bars.map((b) => b.high),
          low: bars.map((b) => b.low),
          close: bars.map((b) => b.close),
          volume: bars.map((b) => b.volume),
        },
      ],
      adjclose: [{ adjclose: bars.map((b) => b.close) }],
    };
  }
  return { status: 200, headers: JSON_HEADERS, json: { chart: { result: [result], error: null } } };
}
