/**
 * Fixture access for the emulator: the REAL series and recorded responses in test/fixtures/real
 * (see PROVENANCE.md there), read once per process and never modified. Also the day / New York
 * time helpers and the number formatting the routes share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isUsSession } from '../../../lib/series/us-market';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));

export const DAY_MS = 86_400_000;
/** Default simulated "now": a day inside every fixture's range. */
export const DEFAULT_NOW = Date.parse('2026-03-19T12:00:00Z');

// ---------- days ----------

export type Day = string;

export const dayOf = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);
export const dayStart = (day: Day): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: Day, n: number): Day => dayOf(dayStart(day) + n * DAY_MS);

/** Ascending daily series; `index` maps a day to its position. */
export interface DailySeries {
  days: Day[];
  values: number[];
  index: Map<Day, number>;
}

function makeSeries(rows: Array<[Day, number]>): DailySeries {
  const byDay = new Map<Day, number>();
  for (const [d, v] of rows) byDay.set(d, v);
  const days = [...byDay.keys()].sort();
  const values = days.map((d) => byDay.get(d)!);
  return { days, values, index: new Map(days.map((d, i) => [d, i])) };
}

/** Position of the last day ≤ `day`, or -1. */
export function lastIndexOnOrBefore(s: DailySeries, day: Day): number {
  let lo = 0;
  let hi = s.days.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.days[mid]! <= day) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Value on the last day ≤ `day` (optionally at most `maxGap` days earlier), or undefined. */
export function valueOnOrBefore(s: DailySeries, day: Day, maxGap = Infinity): number | undefined {
  const i = lastIndexOnOrBefore(s, day);
  if (i < 0) return undefined;
  if (maxGap !== Infinity && (dayStart(day) - dayStart(s.days[i]!)) / DAY_MS > maxGap) return undefined;
  return s.values[i];
}

// ---------- CSV ----------

/**
 * Days every fixture date is moved by (a multiple of 7 keeps weekdays, so Russell sessions stay on
 * weekdays). End-to-end tests run the real extension on the real clock: shifting the real data
 * forward makes its newest day "yesterday" without touching a single value. Each emulator has its own
 * shift; routes are synchronous, so the emulator sets the current one around each answer (`withShift`)
 * and every derived table is cached per shift (`perShift`).
 */
let dayShift = 0;

export function withShift<T>(days: number, f: () => T): T {
  if (days % 7 !== 0) throw new Error('emulator: the day shift must be a whole number of weeks');
  const outer = dayShift;
  dayShift = days;
  try {
    return f();
  } finally {
    dayShift = outer;
  }
}

/** The whole-week shift that moves fixture day `last` to `target` or just after it. */
export function weeksShift(last: Day, target: Day): number {
  return Math.ceil((dayStart(target) - dayStart(last)) / DAY_MS / 7) * 7;
}

/** `f`'s value, computed once per day shift. */
export function perShift<T>(f: () => T): () => T {
  const byShift = new Map<number, T>();
  return () => {
    if (!byShift.has(dayShift)) byShift.set(dayShift, f());
    return byShift.get(dayShift)!;
  };
}

function readCsv(rel: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(FIXTURES + rel, 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = (lines.shift() ?? '').split(',');
  const rows = lines.filter((l) => l.trim() !== '').map((l) => l.split(','));
  if (dayShift !== 0) for (const r of rows) if (/^\d{4}-\d{2}-\d{2}$/.test(r[0] ?? '')) r[0] = addDays(r[0]!, dayShift);
  return { header, rows };
}

function csvSeries(rel: string, column: string): DailySeries {
  const { header, rows } = readCsv(rel);
  const di = header.indexOf('date');
  const vi = header.indexOf(column);
  if (di < 0 || vi < 0) throw new Error(`emulator: ${rel} has no date/${column} column`);
  return makeSeries(
    rows.filter((r) => r[vi] !== undefined && r[vi] !== '' && r[vi] !== 'None').map((r) => [r[di]!, Number(r[vi])]),
  );
}

/** series/coins/<SYM>.csv, by upper-case symbol (closes in USDT; SHIB/BONK/FLOKI per 1000 tokens). */
export const coinSeries = perShift((): Map<string, DailySeries> => {
  const m = new Map<string, DailySeries>();
  for (const f of readdirSync(FIXTURES + 'series/coins').sort()) {
    if (f.endsWith('.csv')) m.set(f.slice(0, -4).toUpperCase(), csvSeries(`series/coins/${f}`, 'close'));
  }
  return m;
});

/** Binance ETHBTC, derived from the spot ETHUSDT/BTCUSDT closes (see PROVENANCE.md). */
export const ethBtcSeries = perShift(() =>
  csvSeries('raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv', 'ethbtc_ratio'),
);

export const fearGreedSeries = perShift(() => csvSeries('series/fear-greed.csv', 'value'));

/** CoinGecko /global BTC dominance snapshots (sparse: 43 days, 2026-04-24 .. 2026-09-15). */
export const btcDominanceSeries = perShift(() => csvSeries('series/btc-dominance.csv', 'value'));

/** Other real CoinGecko /global fields recorded next to the dominance (same repos). */
export const globalSnapshots = perShift(() => {
  const jay = 'raw/coingecko-global/jayj221_crypto-pulse_market_dominance_history.csv';
  const dyl = (f: string) => `raw/coingecko-global/dylanlayden_${f}.csv`;
  const dylSeries = (f: string) => {
    const { rows } = readCsv(dyl(f));
    return rows.map((r): [Day, number] => [r[0]!, Number(r[1])]);
  };
  return {
    ethDominance: csvSeries(jay, 'eth_dominance'),
    totalMarketCapUsd: makeSeries([...csvRows(jay, 'total_mcap_usd'), ...dylSeries('crypto_market_cap')]),
    totalVolumeUsd: makeSeries([...csvRows(jay, 'total_volume_usd'), ...dylSeries('crypto_volume')]),
    activeCryptos: makeSeries([...csvRows(jay, 'active_coins'), ...dylSeries('active_cryptoassets')]),
    markets: makeSeries(dylSeries('crypto_markets')),
  };
});

function csvRows(rel: string, column: string): Array<[Day, number]> {
  const s = csvSeries(rel, column);
  return s.days.map((d, i) => [d, s.values[i]!]);
}

/** Value of a sparse snapshot series at `day`: the last one on or before, else the first (a later real value). */
export function snapshotAt(s: DailySeries, day: Day): number {
  return valueOnOrBefore(s, day) ?? s.values[0]!;
}

export interface OhlcDay {
  day: Day;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * series/rut.csv: Russell 2000 daily OHLC (IBKR), ascending. Shifted bars that land on a US market holiday of
 * the simulated calendar are dropped, as Yahoo serves none there (unshifted, the file has none: a unit test
 * checks the calendar against it).
 */
export const rutDays = perShift((): OhlcDay[] => {
  const { header, rows } = readCsv('series/rut.csv');
  const col = (n: string) => header.indexOf(n);
  const [d, o, h, l, c] = ['date', 'open', 'high', 'low', 'close'].map(col) as [number, number, number, number, number];
  return rows
    .map((r) => ({ day: r[d]!, open: Number(r[o]), high: Number(r[h]), low: Number(r[l]), close: Number(r[c]) }))
    .filter((b) => isUsSession(b.day))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
});

export function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(FIXTURES + rel, 'utf8')) as T;
}

export interface CmcProCoin {
  id: number;
  name: string;
  symbol: string;
  slug: string;
  tags: string[];
  circulating_supply: number;
  total_supply: number | null;
  max_supply: number | null;
  date_added: string;
  quote: { USD: { price: number; market_cap: number; volume_24h: number } };
}

/** raw/cmc-pro/top_cryptos_raw.json (CoinMarketCap pro listing of 2025-04-23): real caps, ids, tags, supplies. */
export const cmcTop = perShift(() => readJson<{ data: CmcProCoin[] }>('raw/cmc-pro/top_cryptos_raw.json').data);

/** Real total market cap of 2025-04-23 (raw/cmc-pro/global_metrics.json). */
export const cmcTotalMarketCap20250423 = perShift(
  () =>
    readJson<{ data: { quote: { USD: { total_market_cap: number } } } }>('raw/cmc-pro/global_metrics.json').data.quote
      .USD.total_market_cap,
);

// ---------- formatting ----------

/**
 * A price as Binance prints it: fixed 8 decimals ("63885.99000000", "0.00000141"); more digits only
 * when 8 would change the fixture's value. Never exponent notation.
 */
export function decimal8(x: number): string {
  for (let d = 8; d <= 20; d++) {
    const s = x.toFixed(d);
    if (Number(s) === x) return s;
  }
  return x.toFixed(20);
}

/** Deterministic 32-bit hash of a string (FNV-1a), for stable synthetic values. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------- New York time (Yahoo) ----------

const NY_TZ = 'America/New_York';
const offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone: NY_TZ, timeZoneName: 'shortOffset', hour: '2-digit' });
const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: NY_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** New York's UTC offset at an instant, seconds (-14400 in EDT, -18000 in EST). */
export function nyOffsetSec(ms: number): number {
  const name = offsetFmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-5';
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!m) return 0;
  const sec = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60;
  return m[1] === '-' ? -sec : sec;
}

/** The New York calendar day of an instant. */
export function nyDayOf(ms: number): Day {
  return dayFmt.format(ms);
}

const nyCache = new Map<string, number>();
/** Epoch ms of a New York wall-clock time on a day (e.g. 09:30 → the session open). */
export function nyTime(day: Day, hour: number, minute = 0): number {
  const key = `${day}T${hour}:${minute}`;
  const hit = nyCache.get(key);
  if (hit !== undefined) return hit;
  const wall = Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  let utc = wall - nyOffsetSec(wall + 5 * 3_600_000) * 1000;
  utc = wall - nyOffsetSec(utc) * 1000;
  nyCache.set(key, utc);
  return utc;
}

export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();
