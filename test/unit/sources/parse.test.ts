import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  FUTURE_SKEW_MS,
  futureError,
  percent,
  positiveNumber,
  toNumber,
  toSeries,
  validate,
} from '../../../lib/sources/parse';
import { oneLine, withContext } from '../../../lib/core/result';

describe('shared parsing rules', () => {
  it('reads numeric strings and rejects everything that is not a finite number', () => {
    expect(toNumber('63885.99000000')).toBe(63885.99);
    expect(toNumber('1e3')).toBe(1000);
    expect(toNumber(' 5 ')).toBe(5);
    for (const s of ['', ' ', 'NaN', 'Infinity', '1,5', '0x10', '12abc']) expect(toNumber(s)).toBeNaN();
  });

  it('names the failing path and what it got', () => {
    const schema = v.object({ a: v.array(v.object({ price: positiveNumber, pct: percent })) });
    const r = validate(
      schema,
      {
        a: [
          { price: '1', pct: 5 },
          { price: '-2', pct: 5 },
        ],
      },
      'Test',
    );
    expect(r).toEqual({
      ok: false,
      error: { kind: 'schema', path: 'a.1.price', message: 'Test: a.1.price must be a positive number (got -2)' },
    });
    const missing = validate(schema, { a: [{ price: 1 }] }, 'Test');
    expect(missing.ok === false && missing.error.message).toBe('Test: a.0.pct is missing');
  });

  it('allows a little clock skew but not the future', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(futureError(now + FUTURE_SKEW_MS, now, 'x', 'T')).toBeNull();
    expect(futureError(now + FUTURE_SKEW_MS + 1, now, 'x', 'T')).toMatchObject({ kind: 'schema', path: 'x' });
  });

  it('sorts, keeps one point per day, and lets the last given point win', () => {
    expect(
      toSeries(
        [
          { date: '2024-01-03', value: 3 },
          { date: '2024-01-01', value: 1 },
          { date: '2024-01-03', value: 30 },
        ],
        's',
      ),
    ).toEqual({
      points: [
        { date: '2024-01-01', value: 1 },
        { date: '2024-01-03', value: 30 },
      ],
      source: 's',
    });
  });

  it('keeps messages to one bounded line', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('x'.repeat(500))).toHaveLength(240);
    expect(withContext({ kind: 'timeout', message: 'slow' }, 'Yahoo ^RUT')).toEqual({
      kind: 'timeout',
      message: 'Yahoo ^RUT: slow',
    });
  });
});
