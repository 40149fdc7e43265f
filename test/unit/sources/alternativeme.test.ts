import { describe, expect, it } from 'vitest';
import { fearGreedUrl, fetchFearGreed, parseFearGreed, parseFearGreedData } from '../../../lib/sources/alternativeme';
import { fakeFetch, instant, json } from '../net/fake-fetch';
import { clone, raw, seriesCsv } from './fixtures';

interface Reading {
  value: string;
  value_classification: string;
  timestamp: string;
  time_until_update?: string;
}
const data = raw<Reading[]>('alternative-me/fng_data_array.json');
const NOW = Date.UTC(2026, 5, 6, 12); // the day of the newest recorded reading

describe('alternative.me Fear & Greed on the real recorded data array', () => {
  const r = parseFearGreedData(data, { now: NOW });

  it('turns the newest-first strings into an ascending numeric daily series', () => {
    expect(data[0]).toMatchObject({ value: '12', timestamp: '1780704000' }); // newest first as sent
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value.points;
    expect(p).toHaveLength(3044);
    expect(p[0]).toEqual({ date: '2018-02-01', value: 30 });
    expect(p.at(-1)).toEqual({ date: '2026-06-06', value: 12 });
    expect(p.find((x) => x.date === '2021-11-08')).toEqual({ date: '2021-11-08', value: 75 });
    expect(r.value.source).toBe('alternative.me Fear & Greed');
    const dates = p.map((x) => x.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('agrees with the independently merged fear-greed.csv on every day', () => {
    if (!r.ok) throw new Error(r.error.message);
    const ref = seriesCsv('fear-greed.csv');
    for (const p of r.value.points) expect(p.value).toBe(ref.get(p.date));
  });

  it('keeps the alternative.me gaps as gaps (2024-10-26 missing)', () => {
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.points.some((p) => p.date === '2024-10-26')).toBe(false);
    expect(r.value.points.some((p) => p.date === '2024-10-25')).toBe(true);
  });

  it('parses the whole response envelope (real recorded single-reading response)', () => {
    // cmc-pro/fear_greed_index.json is in fact alternative.me's /fng/ response of 2025-04-23.
    const env = raw('cmc-pro/fear_greed_index.json');
    expect(parseFearGreed(env, { now: Date.UTC(2025, 3, 23, 23) })).toEqual({
      ok: true,
      value: { points: [{ date: '2025-04-23', value: 72 }], source: 'alternative.me Fear & Greed' },
    });
    expect(parseFearGreed({ name: 'Fear and Greed Index', data, metadata: { error: null } }, { now: NOW }).ok).toBe(
      true,
    );
  });
});

describe('alternative.me faults (hand-made)', () => {
  const day = (iso: string, value: string) => ({
    value,
    value_classification: 'Fear',
    timestamp: String(Date.parse(iso) / 1000),
  });

  it('when a day repeats, the newest reading (first in the array) wins', () => {
    const r = parseFearGreedData(
      [day('2024-01-02T06:00:00Z', '41'), day('2024-01-02T00:00:00Z', '40'), day('2024-01-01T00:00:00Z', '39')],
      { now: NOW },
    );
    expect(r.ok && r.value.points).toEqual([
      { date: '2024-01-01', value: 39 },
      { date: '2024-01-02', value: 41 },
    ]);
  });

  it.each([
    ['not a number', 'abc', 'data.1.value'],
    ['above 100', '101', 'data.1.value'],
    ['negative', '-1', 'data.1.value'],
    ['empty', '', 'data.1.value'],
  ])('a value that is %s is a schema error naming it', (_n, value, path) => {
    const body = { data: [day('2024-01-02T00:00:00Z', '40'), day('2024-01-01T00:00:00Z', value)] };
    const r = parseFearGreed(body, { now: NOW });
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path } });
    if (!r.ok) expect(r.error.message).toContain(path);
  });

  it('rejects a missing or future timestamp and a provider error', () => {
    const noTs = clone(data.slice(0, 2)) as Array<Partial<Reading>>;
    delete noTs[1]!.timestamp;
    expect(parseFearGreed({ data: noTs }, { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.1.timestamp' },
    });
    expect(parseFearGreed({ data: data.slice(0, 3) }, { now: NOW - 2 * 86_400_000 })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'data.1.timestamp' },
    });
    expect(
      parseFearGreed({ name: 'Fear and Greed Index', data: [], metadata: { error: 'Limit exceeded' } }, { now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: 'metadata.error' },
    });
  });

  it('asks for JSON with the given limit (0 = all history)', async () => {
    expect(fearGreedUrl(0)).toBe('https://api.alternative.me/fng/?limit=0&format=json');
    const f = fakeFetch(() =>
      json({ name: 'Fear and Greed Index', data: data.slice(0, 7), metadata: { error: null } }),
    );
    const r = await fetchFearGreed(f, { now: NOW, limit: 7, http: instant });
    expect(f.calls).toEqual(['https://api.alternative.me/fng/?limit=7&format=json']);
    expect(r.ok && r.value.points).toHaveLength(7);
  });
});
