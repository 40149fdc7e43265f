import { describe, expect, it } from 'vitest';
import { quantile, stats } from '../../../lib/evidence/stats';
import { vsBtc, forwardChange } from '../../../lib/evidence/forward';

describe('evidence statistics', () => {
  it('median and quartiles by linear interpolation; share strictly above 0; nothing known is null, not 0', () => {
    expect(stats([3, -1, 0, 4])).toEqual({ n: 4, median: 1.5, p25: -0.25, p75: 3.25, sharePositive: 0.5 });
    expect(quantile([7], 0.25)).toBe(7);
    expect(stats([])).toEqual({ n: 0, median: null, p25: null, p75: null, sharePositive: null });
  });

  it('forward change: tolerance of a few days, pending past the data, unknown before it', () => {
    const pts = [
      { date: '2024-01-01', value: 100 },
      { date: '2024-01-29', value: 110 },
      { date: '2024-02-05', value: 120 },
    ];
    expect(forwardChange(pts, 'x', '2024-01-01', 30, 3, 'ratio')).toMatchObject({
      status: 'known',
      from: '2024-01-01',
      to: '2024-01-29',
    });
    // gap: 2024-01-28 has nothing within 3 days
    expect(forwardChange(pts, 'x', '2024-01-01', 27, 3, 'ratio')).toMatchObject({ status: 'unknown' });
    expect(forwardChange(pts, 'x', '2024-01-29', 30, 3, 'diff')).toMatchObject({ status: 'pending' });
    expect(forwardChange(pts, 'x', '2023-12-01', 30, 3, 'ratio')).toEqual({
      status: 'unknown',
      why: 'x starts 2024-01-01',
    });
    const r = forwardChange(pts, 'x', '2024-01-01', 35, 3, 'ratio');
    expect(r.status === 'known' && r.value).toBeCloseTo(0.2, 12);
    // Priced in BTC: +20 % while BTC rose 50 % is −20 %.
    const v = vsBtc(r, { status: 'known', value: 0.5, source: 'b', from: '', to: '' });
    expect(v.status === 'known' && v.value).toBeCloseTo(-0.2, 12);
    expect(vsBtc(r, { status: 'pending', why: 'later' })).toEqual({ status: 'pending', why: 'later' });
  });
});
