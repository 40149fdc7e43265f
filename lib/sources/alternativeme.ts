/**
 * alternative.me Crypto Fear & Greed (SIGNALS.md §6): `data[{value, value_classification, timestamp}]`,
 * newest first, numbers as strings, timestamps in seconds at 00:00 UTC of the day they describe.
 */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { toDay } from '../series/dates';
import type { Point, Series } from '../series/types';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import { futureError, percent, timestampMs, toSeries, validate } from './parse';
import { fail, ok, schemaError, type Result } from '../core/result';

export const FEAR_GREED_SOURCE = 'alternative.me Fear & Greed';
const LABEL = 'alternative.me Fear & Greed';

/** `limit=0` is the whole history (from 2018-02-01); updates need only a few days. */
export function fearGreedUrl(limit: number): string {
  return `https://api.alternative.me/fng/?limit=${Math.max(0, Math.floor(limit))}&format=json`;
}

const Entry = v.looseObject({ value: percent, value_classification: v.string(), timestamp: timestampMs });
const Data = v.array(Entry, 'must be an array of readings');
const Body = v.looseObject({
  data: Data,
  metadata: v.optional(v.looseObject({ error: v.nullish(v.string()) })),
});

/** The `data` array alone (as recorded in fixtures). */
export function parseFearGreedData(json: unknown, o: { now: number }): Result<Series> {
  const rows = validate(Data, json, LABEL);
  return rows.ok ? toFearGreedSeries(rows.value, o.now, '') : rows;
}

/** A whole `/fng/` response: `{name, data, metadata: {error}}`. */
export function parseFearGreed(json: unknown, o: { now: number }): Result<Series> {
  const body = validate(Body, json, LABEL);
  if (!body.ok) return body;
  const error = body.value.metadata?.error;
  if (error) return fail(schemaError('metadata.error', `${LABEL}: provider reported "${error}"`));
  return toFearGreedSeries(body.value.data, o.now, 'data.');
}

function toFearGreedSeries(rows: v.InferOutput<typeof Data>, now: number, prefix: string): Result<Series> {
  const points: Point[] = [];
  // Oldest first, so that a repeated day keeps the newest reading.
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    const future = futureError(r.timestamp, now, `${prefix}${i}.timestamp`, LABEL);
    if (future) return fail(future);
    points.push({ date: toDay(r.timestamp), value: r.value });
  }
  return ok(toSeries(points, FEAR_GREED_SOURCE));
}

export function fetchFearGreed(fetchFn: FetchFn, o: SourceFetchOptions & { limit?: number }): Promise<Result<Series>> {
  return fetchParsed(fetchFn, [fearGreedUrl(o.limit ?? 0)], o, LABEL, (json) => parseFearGreed(json, o));
}
