/**
 * Binance spot market data: `GET /api/v3/klines` on data-api.binance.vision and api.binance.com.
 *
 * Closes are the REAL ones of test/fixtures/real/series/coins/<SYM>.csv (`<SYM>USDT`) and of
 * raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv (`ETHBTC`). The fixtures have closes
 * only, so the rest of each candle is DERIVED: open = previous day's close (the first candle: its own
 * close), high = max(open, close), low = min(open, close); volume, quote volume and taker volumes
 * "0.00000000", trades 0. SHIB, BONK and FLOKI are priced per 1000 tokens as in the fixture.
 *
 * Semantics as Binance: candles open at 00:00 UTC, closeTime = openTime + 1 d − 1 ms; `limit`
 * default 500, at most 1000 (larger values are capped); `startTime` → the first candles whose
 * openTime ≥ startTime; `endTime` → openTime ≤ endTime; without startTime the LAST `limit`
 * candles. The candle of the simulated current day is still open: closeTime lies after `now` and
 * its close is the last known close (yesterday's), open = high = low = close. It exists only while
 * the fixture still has data (a series that ended before yesterday just stops).
 */
import {
  coinSeries,
  DAY_MS,
  dayOf,
  dayStart,
  decimal8,
  ethBtcSeries,
  lastIndexOnOrBefore,
  type DailySeries,
} from '../data';
import type { EmuRequest, EmuResponse } from '../types';

export const BINANCE_HOSTS = ['data-api.binance.vision', 'api.binance.com'] as const;

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };
const INTERVALS = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'];
const ZERO = '0.00000000';

const err = (status: number, code: number, msg: string): EmuResponse => ({
  status,
  headers: JSON_HEADERS,
  json: { code, msg },
});

function seriesFor(symbol: string): DailySeries | undefined {
  if (symbol === 'ETHBTC') return ethBtcSeries();
  if (symbol.endsWith('USDT')) return coinSeries().get(symbol.slice(0, -4));
  return undefined;
}

export type KlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

function row(openTime: number, open: number, close: number): KlineRow {
  return [
    openTime,
    decimal8(open),
    decimal8(Math.max(open, close)),
    decimal8(Math.min(open, close)),
    decimal8(close),
    ZERO,
    openTime + DAY_MS - 1,
    ZERO,
    0,
    ZERO,
    ZERO,
    '0',
  ];
}

/** Every candle that exists at `now`: the closed ones, then today's still-open one (if the series is alive). */
export function klinesAt(s: DailySeries, now: number): KlineRow[] {
  const today = dayOf(now);
  const yesterday = dayOf(dayStart(today) - DAY_MS);
  const lastClosed = lastIndexOnOrBefore(s, yesterday);
  const rows: KlineRow[] = [];
  for (let i = 0; i <= lastClosed; i++) {
    const close = s.values[i]!;
    rows.push(row(dayStart(s.days[i]!), i > 0 ? s.values[i - 1]! : close, close));
  }
  const last = s.days[s.days.length - 1];
  if (lastClosed >= 0 && last !== undefined && last >= yesterday) {
    const prev = s.values[lastClosed]!;
    rows.push(row(dayStart(today), prev, prev));
  }
  return rows;
}

const DIGITS = /^\d{1,20}$/;

export function binance(req: EmuRequest): EmuResponse | undefined {
  if (req.pathname === '/api/v3/ping') return { status: 200, headers: JSON_HEADERS, json: {} };
  if (req.pathname === '/api/v3/time') return { status: 200, headers: JSON_HEADERS, json: { serverTime: req.now } };
  if (req.pathname !== '/api/v3/klines') return undefined;
  const q = req.query;
  const symbol = q.get('symbol') ?? '';
  const interval = q.get('interval') ?? '';
  if (!symbol) return err(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  if (!interval) return err(400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
  if (!INTERVALS.includes(interval)) return err(400, -1120, 'Invalid interval.');
  for (const p of ['limit', 'startTime', 'endTime']) {
    const v = q.get(p);
    if (v !== null && !DIGITS.test(v))
      return err(400, -1100, `Illegal characters found in parameter '${p}'; legal range is '^[0-9]{1,20}$'.`);
  }
  const series = seriesFor(symbol);
  if (!series) return err(400, -1121, 'Invalid symbol.');
  // The fixtures are daily: other valid intervals are not emulated (say so instead of inventing bars).
  if (interval !== '1d') return err(400, -1120, `Invalid interval. (emulator: only 1d is emulated, got ${interval})`);
  const limit = Math.min(1000, Math.max(1, Number(q.get('limit') ?? 500)));
  const start = q.has('startTime') ? Number(q.get('startTime')) : undefined;
  const end = q.has('endTime') ? Number(q.get('endTime')) : undefined;
  if (start !== undefined && end !== undefined && start > end)
    return err(400, -1023, 'Start time is greater than end time.');
  let rows = klinesAt(series, req.now).filter(
    (r) => (start === undefined || r[0] >= start) && (end === undefined || r[0] <= end),
  );
  rows = start !== undefined ? rows.slice(0, limit) : rows.slice(-limit);
  return {
    status: 200,
    headers: { ...JSON_HEADERS, 'x-mbx-used-weight': '2', 'x-mbx-used-weight-1m': '2' },
    json: rows,
  };
}
