/**
 * Yahoo chart API (SIGNALS.md §6): Russell 2000 daily closes (`^RUT`; `IWM` as a labelled proxy).
 *
 * Day mapping: a bar's date is its exchange-local trading day (meta.exchangeTimezoneName via Intl,
 * else meta.gmtoffset, else UTC), so a 09:30 New York open (13:30 or 14:30 UTC) is that New York day.
 *
 * Intraday rule: a bar for day D is kept when D is before today (exchange-local day of `now`), or
 * when D is the current trading period's day, `now` is past that session's end AND
 * meta.regularMarketTime has reached the end (within 1 min) — delayed data read at 16:05 may still be
 * a 15:50 price. Any other bar of today is dropped and reported as `intraday`; it is picked up final
 * on the next update. Bars with a null close are skipped.
 */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { toDay } from '../series/dates';
import type { Day, Point, Series } from '../series/types';
import { futureError, toSeries, validate } from './parse';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import { fail, ok, schemaError, type Result } from '../core/result';

export const YAHOO_HOSTS = ['https://query1.finance.yahoo.com', 'https://query2.finance.yahoo.com'] as const;
export const RUT_SYMBOL = '^RUT';
export const IWM_SYMBOL = 'IWM';

/**
 * `cold`: last 10 years; `full`: all history via period1/period2; `update`: last month; `since`: from
 * `sinceMs` to now via period1/period2 (an update sized to the cache's gap, however long it is).
 * There is deliberately no `max`: `range=max&interval=1d` returns MONTHLY bars.
 */
export type YahooMode = 'cold' | 'full' | 'update' | 'since';

const CLOSE_TOLERANCE_MS = 60_000;

export function yahooSource(symbol: string): string {
  if (symbol === IWM_SYMBOL) return 'Yahoo IWM (ETF proxy for the Russell 2000)';
  return `Yahoo ${symbol}`;
}

export function yahooChartUrl(
  symbol: string,
  mode: YahooMode,
  now: number,
  host: string = YAHOO_HOSTS[0],
  sinceMs = 0,
): string {
  const to = Math.floor(now / 1000);
  const span =
    mode === 'full'
      ? `period1=0&period2=${to}`
      : mode === 'since'
        ? `period1=${Math.min(to, Math.max(0, Math.floor(sinceMs / 1000)))}&period2=${to}`
        : mode === 'cold'
          ? 'range=10y'
          : 'range=1mo';
  return `${host}/v8/finance/chart/${encodeURIComponent(symbol)}?interval=1d&${span}`;
}

const price = v.pipe(
  v.number('must be a number or null'),
  v.finite('must be finite'),
  v.gtValue(0, 'must be a positive price'),
);
// Bounded so that every time (and its exchange-local day) stays inside the Date range: 1900..5138.
const seconds = v.pipe(
  v.number('must be a Unix time in seconds'),
  v.finite('must be finite'),
  v.minValue(-2_208_988_800, 'must be a Unix time in seconds'),
  v.maxValue(1e11, 'must be a Unix time in seconds'),
);
/** UTC offsets run from −12 h to +14 h; ±18 h is the widest any zone format allows. */
const gmtoffset = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(-64_800, 'must be within ±18 h'),
  v.maxValue(64_800, 'must be within ±18 h'),
);

const Meta = v.looseObject({
  symbol: v.optional(v.string()),
  gmtoffset: v.optional(gmtoffset),
  exchangeTimezoneName: v.optional(v.string()),
  regularMarketTime: v.optional(seconds),
  dataGranularity: v.optional(v.string()),
  currentTradingPeriod: v.optional(
    v.looseObject({ regular: v.optional(v.looseObject({ start: seconds, end: seconds })) }),
  ),
});

const ChartResult = v.looseObject({
  meta: Meta,
  timestamp: v.optional(v.array(seconds)),
  indicators: v.looseObject({
    quote: v.array(v.looseObject({ close: v.optional(v.array(v.nullable(price))) })),
  }),
});

const Chart = v.looseObject({
  chart: v.looseObject({
    result: v.nullish(v.array(ChartResult)),
    error: v.nullish(v.looseObject({ code: v.optional(v.string()), description: v.nullish(v.string()) })),
  }),
});

export interface YahooDaily {
  /** Final daily closes, ascending. */
  series: Series;
  /** The dropped bar of a session not yet closed (live price), if any. */
  intraday: Point | null;
  /** The timezone used for trading days. */
  timezone: string;
}

/** Exchange-local day of an instant: IANA zone first, fixed offset second, UTC last. */
export function exchangeDayOf(timezone: string | undefined, gmtoffsetSec: number | undefined): (ms: number) => Day {
  if (timezone) {
    try {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      return (ms) => {
        const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
        return `${p.year}-${p.month}-${p.day}`;
      };
    } catch {
      // unknown zone name: fall through
    }
  }
  const off = (gmtoffsetSec ?? 0) * 1000;
  return (ms) => toDay(ms + off);
}

export function parseYahooChart(json: unknown, o: { now: number; symbol: string }): Result<YahooDaily> {
  const label = yahooSource(o.symbol);
  const parsed = validate(Chart, json, label);
  if (!parsed.ok) return parsed;
  const { result, error } = parsed.value.chart;
  if (error) {
    const text = [error.code, error.description].filter(Boolean).join(': ') || 'error';
    return fail(schemaError('chart.error', `${label}: Yahoo reported ${text}`));
  }
  const r = result?.[0];
  if (!r) return fail(schemaError('chart.result', `${label}: chart.result is empty`));
  const base = 'chart.result.0';
  const { meta } = r;
  if (meta.dataGranularity !== undefined && meta.dataGranularity !== '1d') {
    return fail(schemaError(`${base}.meta.dataGranularity`, `${label}: bars are "${meta.dataGranularity}", not daily`));
  }
  const timezone = meta.exchangeTimezoneName ?? 'UTC';
  const dayOf = exchangeDayOf(meta.exchangeTimezoneName, meta.gmtoffset);
  const source = yahooSource(o.symbol);
  const stamps = r.timestamp ?? [];
  // An empty range comes back without `timestamp` and with `quote: [{}]`: no data, not an error.
  if (stamps.length === 0) return ok({ series: { points: [], source }, intraday: null, timezone });
  const closes = r.indicators.quote[0]?.close;
  if (!closes || closes.length !== stamps.length) {
    return fail(
      schemaError(
        `${base}.indicators.quote.0.close`,
        `${label}: close has ${closes?.length ?? 0} values for ${stamps.length} timestamps`,
      ),
    );
  }

  const today = dayOf(o.now);
  const regular = meta.currentTradingPeriod?.regular;
  const sessionDay = regular ? dayOf(regular.start * 1000) : null;
  const sessionDone =
    regular !== undefined &&
    o.now >= regular.end * 1000 &&
    (meta.regularMarketTime === undefined || meta.regularMarketTime * 1000 >= regular.end * 1000 - CLOSE_TOLERANCE_MS);

  const points: Point[] = [];
  let intraday: Point | null = null;
  for (let i = 0; i < stamps.length; i++) {
    const ms = stamps[i]! * 1000;
    const future = futureError(ms, o.now, `${base}.timestamp.${i}`, label);
    if (future) return fail(future);
    const close = closes[i];
    if (close == null) continue; // Yahoo pads holidays and the live bar with nulls
    const date = dayOf(ms);
    const final = date < today || (date === sessionDay && sessionDone);
    if (final) points.push({ date, value: close });
    else intraday = { date, value: close };
  }
  return ok({ series: toSeries(points, source), intraday, timezone });
}

export interface FetchYahooOptions extends SourceFetchOptions {
  symbol?: string;
  mode: YahooMode;
  /** Epoch ms of the first bar wanted, for mode `since`. */
  sinceMs?: number;
}

/** Daily closes of `symbol` (default ^RUT), query1 then query2. */
export async function fetchYahooDaily(fetchFn: FetchFn, o: FetchYahooOptions): Promise<Result<YahooDaily>> {
  const symbol = o.symbol ?? RUT_SYMBOL;
  const urls = YAHOO_HOSTS.map((h) => yahooChartUrl(symbol, o.mode, o.now, h, o.sinceMs));
  return fetchParsed(fetchFn, urls, o, yahooSource(symbol), (json) => parseYahooChart(json, { now: o.now, symbol }));
}
