/**
 * Shared validation for provider parsers: valibot schemas for the loose number formats providers
 * use, timestamps in seconds or milliseconds, and the rules every parser applies (finite, in range,
 * not in the future). A failure is a `schema` error naming the field; nothing becomes 0 or NaN.
 */
import * as v from 'valibot';
import { toDay } from '../series/dates';
import type { Day, Point, Series } from '../series/types';
import { fail, ok, schemaError, type Result, type SourceError } from '../core/result';

/** Provider clocks and ours differ a little; a point this far ahead of `now` is still accepted. */
export const FUTURE_SKEW_MS = 10 * 60_000;
/** Below this a Unix timestamp is in seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;

/** A current value (not a series): what the "current only" endpoints return. */
export interface Snapshot {
  value: number;
  /** Epoch ms the provider says the value is for (or the fetch time when it says nothing). */
  at: number;
  /** UTC day of `at`. */
  date: Day;
  source: string;
}

const NUMERIC_RE = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** "1.5", "63885.99000000", 1.5 → number; "", "NaN", "Infinity", "1,5" → NaN (then rejected). */
export function toNumber(x: number | string): number {
  if (typeof x === 'number') return x;
  return NUMERIC_RE.test(x) ? Number(x) : NaN;
}

/** Seconds or milliseconds (number or digit string) or an ISO date string → epoch ms; NaN if none. */
export function toEpochMs(x: number | string): number {
  let n: number;
  if (typeof x === 'number') n = x;
  else if (/^\s*\d+(?:\.\d+)?\s*$/.test(x)) n = Number(x);
  else return /^\d{4}-\d{2}-\d{2}/.test(x) ? Date.parse(x) : NaN;
  if (!Number.isFinite(n) || n <= 0) return NaN;
  return n < SECONDS_BELOW ? Math.round(n * 1000) : Math.round(n);
}

const numberLike = v.union([v.number(), v.string()], 'must be a number or a numeric string');

/** Any finite number, given as a number or a numeric string. */
export const finiteNumber = v.pipe(numberLike, v.transform(toNumber), v.finite('must be a finite number'));
/** A price or market cap: finite and strictly positive. */
export const positiveNumber = v.pipe(finiteNumber, v.gtValue(0, 'must be a positive number'));
/** A market cap or volume that may legitimately be 0 (callers treat 0 as unknown, never as a value). */
export const nonNegativeNumber = v.pipe(finiteNumber, v.minValue(0, 'must not be negative'));
/** A percentage or a 0..100 index. */
export const percent = v.pipe(
  finiteNumber,
  v.minValue(0, 'must be within 0..100'),
  v.maxValue(100, 'must be within 0..100'),
);
/**
 * A current market share such as BTC dominance: above 0 and at most 100. A provider sends 0 when it
 * does not know the value; taken as a reading it would be a crash to 0 %, so it is a schema error.
 */
export const sharePercent = v.pipe(
  finiteNumber,
  v.gtValue(0, 'must be above 0 (0 means unknown)'),
  v.maxValue(100, 'must be within 0..100'),
);
/** A Unix timestamp in seconds or ms (number or string), as epoch ms. */
export const timestampMs = v.pipe(
  v.union([v.number(), v.string()], 'must be a timestamp'),
  v.transform(toEpochMs),
  v.finite('must be a Unix timestamp in seconds or milliseconds'),
);

/** Validates `data`; the first issue becomes a schema error whose path and message name the field. */
export function validate<TOut>(schema: v.GenericSchema<unknown, TOut>, data: unknown, label: string): Result<TOut> {
  const r = v.safeParse(schema, data, { abortEarly: true });
  if (r.success) return ok(r.output);
  const issue = r.issues[0];
  const path = v.getDotPath(issue) ?? '';
  const where = path || 'response';
  if (issue.input === undefined) return fail(schemaError(path, `${label}: ${where} is missing`));
  return fail(schemaError(path, `${label}: ${where} ${cleanMessage(issue.message)} (got ${preview(issue.input)})`));
}

function cleanMessage(m: string): string {
  // valibot's built-in messages start with "Invalid type: Expected …"; ours are already phrased.
  return m.startsWith('Invalid') ? m.replace(/^Invalid (\w+): /, 'invalid $1, ') : m;
}

function preview(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (Array.isArray(x)) return 'an array';
  if (x === null) return 'null';
  return typeof x === 'object' ? 'an object' : String(x);
}

/** A schema error for a point dated after `now` (plus skew): a provider must not send the future. */
export function futureError(ms: number, now: number, path: string, label: string): SourceError | null {
  if (ms <= now + FUTURE_SKEW_MS) return null;
  // Beyond the Date range (±8.64e15 ms) toISOString() throws: quote the number instead.
  const when = Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`;
  return schemaError(path, `${label}: ${path} is in the future (${when})`);
}

/** Ascending, one point per day; for a repeated day the last given point wins. */
export function toSeries(points: readonly Point[], source: string): Series {
  const byDay = new Map<Day, number>();
  for (const p of points) byDay.set(p.date, p.value);
  const days = [...byDay.keys()].sort();
  return { points: days.map((date) => ({ date, value: byDay.get(date)! })), source };
}

export function snapshot(value: number, at: number, source: string): Snapshot {
  return { value, at, date: toDay(at), source };
}
