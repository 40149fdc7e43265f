/**
 * Property tests over lib/series/csv.ts (the CLI's and the fixtures' series reader): for any text, and
 * for well-formed files with hostile cells (NaN, Infinity, negatives, out-of-range values, bad days,
 * extra columns, BOM, CRLF, huge files), parseSeriesCsv either returns a clean series (real days,
 * strictly ascending, every value finite and within the column's bounds) or throws a SeriesError whose
 * one-line message names the file and the line; it never throws anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv, SeriesError, type ColumnSpec } from '../../../lib/series/csv';
import { isDay } from '../../../lib/series/dates';
import { RUNS, XSS } from './hostile';

const SPECS: ColumnSpec[] = [
  { value: 'close', min: 0, minExclusive: true, extra: 'market_cap' },
  { value: 'value', min: 0, max: 100 },
  { value: 'value' },
];

function parse(text: string, spec: ColumnSpec) {
  try {
    return { ok: true as const, r: parseSeriesCsv(text, 'coins/X.csv', spec) };
  } catch (e) {
    if (!(e instanceof SeriesError)) throw new Error(`not a SeriesError: ${(e as Error)?.stack ?? String(e)}`);
    return { ok: false as const, e };
  }
}

function expectClean(points: { date: string; value: number }[], spec: ColumnSpec, extra = false) {
  let prev = '';
  for (const p of points) {
    expect(isDay(p.date)).toBe(true);
    expect(p.date > prev).toBe(true);
    prev = p.date;
    expect(Number.isFinite(p.value)).toBe(true);
    if (extra) expect(p.value).toBeGreaterThanOrEqual(0);
    else {
      if (spec.min !== undefined) expect(spec.minExclusive ? p.value > spec.min : p.value >= spec.min).toBe(true);
      if (spec.max !== undefined) expect(p.value).toBeLessThanOrEqual(spec.max);
    }
  }
}

const cell = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '0',
    '-0',
    '1e400',
    '',
    ' ',
    '1,5',
    '0x10',
    '1e-400',
    '100.0000001',
    '101',
    XSS,
    '"42"',
    'null',
  ),
  fc.double().map(String),
  fc.integer({ min: -10, max: 200 }).map(String),
  fc.string({ maxLength: 12 }).filter((s) => !/[,\r\n]/.test(s)),
);
const day = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-02-30',
      '2023-13-01',
      '24-01-01',
      '2024/01/01',
      '',
      'date',
      '2024-01-01T00:00:00Z',
      ` 2024-01-01`,
      XSS,
    ),
  },
);
const row = fc
  .tuple(day, cell, fc.option(cell, { nil: undefined }))
  .map(([d, v, x]) => (x === undefined ? `${d},${v}` : `${d},${v},${x}`));
const file = (spec: ColumnSpec) =>
  fc
    .record({
      rows: fc.array(row, { maxLength: 60 }),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      header: fc.constantFrom(
        `date,${spec.value}`,
        `date,${spec.value},${spec.extra ?? 'other'}`,
        `Date , ${spec.value.toUpperCase()}`,
        `${spec.value},date`,
        'day,price',
        '',
      ),
    })
    .map(({ rows, bom, crlf, header }) => `${bom ? '\uFEFF' : ''}${[header, ...rows].join(crlf ? '\r\n' : '\n')}`);

describe('parseSeriesCsv under hostile input', { timeout: 60_000 }, () => {
  it.each(
    SPECS.map((s) => [s.value + (s.max !== undefined ? ' 0..100' : s.min !== undefined ? ' > 0' : ''), s] as const),
  )('%s: a clean series or a SeriesError naming file and line, nothing else', (_, spec) => {
    const seen = { ok: 0, failed: 0 };
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: file(spec) }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }),
        (text) => {
          const r = parse(text, spec);
          if (r.ok) {
            seen.ok++;
            expectClean(r.r.series.points, spec);
            if (r.r.extra) expectClean(r.r.extra.points, spec, true);
          } else {
            seen.failed++;
            expect(r.e.message).toMatch(/^coins\/X\.csv line \d+: /);
            expect(r.e.message).not.toMatch(/[\r\n]/);
          }
        },
      ),
      RUNS,
    );
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.failed).toBeGreaterThan(0);
  });

  it('a huge well-formed file (20 000 rows) parses, and one bad cell in it is reported by line', () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `${new Date(Date.UTC(1970, 0, 1 + i)).toISOString().slice(0, 10)},${1 + i / 7}`,
    );
    const good = parseSeriesCsv(['date,close', ...rows].join('\n'), 'big.csv', SPECS[0]!);
    expect(good.series.points).toHaveLength(20_000);
    rows[12_345] = rows[12_345]!.replace(/,.*/, ',NaN');
    expect(() => parseSeriesCsv(['date,close', ...rows].join('\n'), 'big.csv', SPECS[0]!)).toThrow(
      /^big\.csv line 12347: close "NaN" is not a number$/,
    );
  });
});
