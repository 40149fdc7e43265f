/**
 * Binance daily klines (SIGNALS.md §6): coin closes for the ASI and the ETH/BTC pair.
 * Row = [openTime ms, "open", "high", "low", "close", "volume", closeTime ms, …], strings.
 * The date of a candle is the UTC day of its open; the still-open candle of today is dropped.
 */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { toDay } from '../series/dates';
import type { Point, Series } from '../series/types';
import { futureError, positiveNumber, toSeries, validate } from './parse';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import { fail, ok, schemaError, type Result } from '../core/result';

/** Market-data mirror first (no 451s), then the main API. */
export const BINANCE_HOSTS = ['https://data-api.binance.vision', 'https://api.binance.com'] as const;
export const BINANCE_MAX_LIMIT = 1000;
export const BINANCE_DEFAULT_LIMIT = 400;

const SYMBOL_RE = /^[A-Z0-9]{2,30}$/;

export interface KlinesQuery {
  /** e.g. `BTCUSDT`, `ETHBTC`, `1000SHIBUSDT`. */
  symbol: string;
  /** Candles to ask for, 1..1000 (the open candle counts, and is dropped). */
  limit?: number;
  /** Epoch ms of the first candle's open, for incremental updates. */
  startTime?: number;
}

/** Whether `pair` can be a Binance symbol at all (`BSC-USDUSDT`, unicode or 40 characters cannot). */
export function isBinanceSymbol(pair: string): boolean {
  return SYMBOL_RE.test(pair);
}

/** `BTC` → `BTCUSDT`. */
export function binancePair(coin: string): string {
  return `${coin.trim().toUpperCase()}USDT`;
}

/** Label every series carries, e.g. "Binance closes" for USDT pairs, "Binance ETHBTC" otherwise. */
export function binanceSource(symbol: string): string {
  return symbol.endsWith('USDT') ? 'Binance closes' : `Binance ${symbol}`;
}

export function binanceKlinesUrl(q: KlinesQuery, host: string = BINANCE_HOSTS[0]): string {
  const limit = Math.min(BINANCE_MAX_LIMIT, Math.max(1, Math.floor(q.limit ?? BINANCE_DEFAULT_LIMIT)));
  const start = q.startTime !== undefined ? `&startTime=${Math.max(0, Math.floor(q.startTime))}` : '';
  return `${host}/api/v3/klines?symbol=${encodeURIComponent(q.symbol)}&interval=1d&limit=${limit}${start}`;
}

const epochMsInt = v.pipe(
  v.number('must be epoch milliseconds'),
  v.safeInteger('must be whole epoch milliseconds'),
  v.minValue(0, 'must not be negative'),
);

const KlineRow = v.looseTuple([
  epochMsInt,
  positiveNumber,
  positiveNumber,
  positiveNumber,
  positiveNumber,
  v.unknown(),
  epochMsInt,
]);
const Klines = v.array(KlineRow, 'must be an array of kline rows');

export interface ParseKlinesOptions {
  now: number;
  symbol: string;
  source?: string;
}

export function parseBinanceKlines(json: unknown, o: ParseKlinesOptions): Result<Series> {
  const label = `Binance ${o.symbol}`;
  const rows = validate(Klines, json, label);
  if (!rows.ok) return rows;
  const points: Point[] = [];
  let prevOpen = -Infinity;
  for (let i = 0; i < rows.value.length; i++) {
    const [openTime, , , , close, , closeTime] = rows.value[i]!;
    if (openTime <= prevOpen)
      return fail(schemaError(`${i}.0`, `${label}: ${i}.0 openTime is not after the previous row's`));
    prevOpen = openTime;
    if (closeTime < openTime) return fail(schemaError(`${i}.6`, `${label}: ${i}.6 closeTime is before openTime`));
    const future = futureError(openTime, o.now, `${i}.0`, label);
    if (future) return fail(future);
    if (closeTime > o.now) {
      // The still-open candle of today: its "close" is the live price. Only the last row may be open.
      if (i === rows.value.length - 1) break;
      return fail(schemaError(`${i}.6`, `${label}: ${i}.6 candle still open but not the last row`));
    }
    points.push({ date: toDay(openTime), value: close });
  }
  return ok(toSeries(points, o.source ?? binanceSource(o.symbol)));
}

export interface FetchKlinesOptions extends KlinesQuery, SourceFetchOptions {
  source?: string;
}

/** Daily closes of one pair, mirror host first. */
export async function fetchBinanceCloses(fetchFn: FetchFn, o: FetchKlinesOptions): Promise<Result<Series>> {
  const label = `Binance ${o.symbol}`;
  if (!isBinanceSymbol(o.symbol)) return fail(schemaError('symbol', `${label}: not a Binance symbol`));
  const urls = BINANCE_HOSTS.map((h) => binanceKlinesUrl(o, h));
  return fetchParsed(fetchFn, urls, o, label, (json) =>
    parseBinanceKlines(json, { now: o.now, symbol: o.symbol, source: o.source }),
  );
}

/** ETH/BTC daily closes (SIGNALS.md §6 primary). */
export function fetchEthBtc(fetchFn: FetchFn, o: Omit<FetchKlinesOptions, 'symbol'>): Promise<Result<Series>> {
  return fetchBinanceCloses(fetchFn, { ...o, symbol: 'ETHBTC' });
}
