import { describe, expect, it } from 'vitest';
import { sma } from '../../../lib/indicators/sma';
import { emaSeries } from '../../../lib/indicators/ema';
import { latestCross, macdSeries } from '../../../lib/indicators/macd';
import { linearRegression, linearRegressionXY } from '../../../lib/indicators/regression';

describe('indicators (values checked by hand)', () => {
  it('SMA of the last n values', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toBe(4);
    expect(sma([1, 2, 3, 4, 5], 5)).toBe(3);
    expect(sma([1, 2], 3)).toBeUndefined();
  });

  it('EMA seeded with the SMA, k = 2/(n+1)', () => {
    // n = 3, k = 0.5: seed (1+2+3)/3 = 2; then 4*0.5 + 2*0.5 = 3; then 8*0.5 + 3*0.5 = 5.5
    expect(emaSeries([1, 2, 3, 4, 8], 3)).toEqual([undefined, undefined, 2, 3, 5.5]);
  });

  it('MACD, signal and histogram', () => {
    // fast 2 (k = 2/3), slow 3 (k = 1/2), signal 2 on [1, 2, 3, 4, 8]:
    // fast EMA: 1.5, 2.5, 3.5, 6.5 (from index 1); slow EMA: 2, 3, 5.5 (from index 2)
    // MACD from index 2: 0.5, 0.5, 1.0; signal (n=2) seeded at index 3 with 0.5, then 1*2/3 + 0.5/3 = 0.8333…
    const m = macdSeries([1, 2, 3, 4, 8], 2, 3, 2);
    expect(m.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(m[3]).toEqual({ macd: 0.5, signal: 0.5, histogram: 0 });
    expect(m[4]!.macd).toBeCloseTo(1, 12);
    expect(m[4]!.signal).toBeCloseTo(5 / 6, 12);
    expect(m[4]!.histogram).toBeCloseTo(1 / 6, 12);
  });

  it('latest MACD cross finds the sign change of the histogram', () => {
    const pts = [-1, -0.5, 0.2, 0.4, -0.1, -0.3].map((h) => ({ macd: h, signal: 0, histogram: h }));
    expect(latestCross(pts)).toEqual({ type: 'bearish', index: 4 });
    expect(latestCross(pts.slice(0, 4))).toEqual({ type: 'bullish', index: 2 });
    expect(latestCross(pts.slice(0, 2))).toBeUndefined();
  });

  it('linear regression slope, intercept and r²', () => {
    expect(linearRegression([1, 3, 5, 7])).toEqual({ slope: 2, intercept: 1, r2: 1 });
    // y = [1, 2, 2, 3] on x = 0..3: slope 0.6, intercept 1.1, r² = 0.9
    const r = linearRegression([1, 2, 2, 3])!;
    expect(r.slope).toBeCloseTo(0.6, 12);
    expect(r.intercept).toBeCloseTo(1.1, 12);
    expect(r.r2).toBeCloseTo(0.9, 12);
    expect(linearRegressionXY([0, 2, 4], [1, 2, 3])!.slope).toBeCloseTo(0.5, 12);
    expect(linearRegression([5])).toBeUndefined();
    expect(linearRegressionXY([1, 1], [2, 3])).toBeUndefined();
  });
});
