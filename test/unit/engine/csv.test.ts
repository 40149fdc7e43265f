import { describe, expect, it } from 'vitest';
import { parseSeriesCsv, SeriesError } from '../../../lib/series/csv';
import { COIN_SPEC, SERIES_FILES } from '../../../lib/series/files';

const close = SERIES_FILES.rut.spec;
const pct = SERIES_FILES.btcDominance.spec;

describe('parseSeriesCsv', () => {
  it('sorts ascending and lets the last duplicate win', () => {
    const { series } = parseSeriesCsv(
      'date,close\n2024-01-03,3\n2024-01-01,1\n2024-01-02,2\n2024-01-01,1.5\n',
      'rut.csv',
      close,
    );
    expect(series.points).toEqual([
      { date: '2024-01-01', value: 1.5 },
      { date: '2024-01-02', value: 2 },
      { date: '2024-01-03', value: 3 },
    ]);
    expect(series.source).toBe('rut.csv');
  });

  it('reads the close column among OHLC and ignores extra columns, CRLF and a BOM', () => {
    const text = '\uFEFFdate,open,high,low,close,volume\r\n2024-01-02,1,2,0.5,1.75,99\r\n';
    expect(parseSeriesCsv(text, 'rut.csv', close).series.points).toEqual([{ date: '2024-01-02', value: 1.75 }]);
  });

  it('names file and line of an unparseable row instead of skipping it', () => {
    const text = 'date,close\n2024-01-01,1\n2024-01-02,abc\n2024-01-03,3\n';
    expect(() => parseSeriesCsv(text, 'coins/ETH.csv', close)).toThrowError(
      new SeriesError('coins/ETH.csv line 3: close "abc" is not a number'),
    );
  });

  it('reports bad dates, empty values and counts further bad rows', () => {
    const text = 'date,close\n2024-02-30,1\n2024-01-02,\n01/03/2024,3\n';
    expect(() => parseSeriesCsv(text, 'x.csv', close)).toThrow(
      'x.csv line 2: date "2024-02-30" is not a YYYY-MM-DD day (and 2 more bad rows)',
    );
  });

  it('enforces bounds: prices above 0, percentages within 0..100', () => {
    expect(() => parseSeriesCsv('date,close\n2024-01-01,0\n', 'rut.csv', close)).toThrow(
      'rut.csv line 2: close 0 must be above 0',
    );
    expect(() => parseSeriesCsv('date,close\n2024-01-01,-5\n', 'rut.csv', close)).toThrow('must be above 0');
    expect(() => parseSeriesCsv('date,value\n2024-01-01,101\n', 'btc-dominance.csv', pct)).toThrow(
      'btc-dominance.csv line 2: value 101 must be at most 100',
    );
    expect(parseSeriesCsv('date,value\n2024-01-01,100\n', 'btc-dominance.csv', pct).series.points[0]!.value).toBe(100);
  });

  it('rejects a header without the needed columns', () => {
    expect(() => parseSeriesCsv('day,price\n2024-01-01,1\n', 'rut.csv', close)).toThrow(
      'rut.csv line 1: header must have "date" and "close" columns',
    );
  });

  it('reads optional market caps, allowing empty cells', () => {
    const r = parseSeriesCsv('date,close,market_cap\n2024-01-01,2,100\n2024-01-02,3,\n', 'coins/X.csv', COIN_SPEC);
    expect(r.series.points).toHaveLength(2);
    expect(r.extra?.points).toEqual([{ date: '2024-01-01', value: 100 }]);
    expect(() => parseSeriesCsv('date,close,market_cap\n2024-01-01,2,-1\n', 'coins/X.csv', COIN_SPEC)).toThrow(
      'coins/X.csv line 2: market_cap',
    );
  });
});
