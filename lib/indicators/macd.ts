import { emaSeries } from './ema';

export interface MacdPoint {
  macd: number;
  signal: number;
  histogram: number;
}

/**
 * MACD (fast EMA − slow EMA), its signal line (EMA of MACD) and histogram for every input index;
 * undefined until both EMAs and the signal line are seeded (slow + signal − 1 values).
 */
export function macdSeries(values: readonly number[], fast = 12, slow = 26, signal = 9): (MacdPoint | undefined)[] {
  const f = emaSeries(values, fast);
  const s = emaSeries(values, slow);
  const firstMacd = slow - 1;
  const out: (MacdPoint | undefined)[] = new Array(values.length).fill(undefined);
  if (values.length < slow) return out;
  const macdLine: number[] = [];
  for (let i = firstMacd; i < values.length; i++) macdLine.push(f[i]! - s[i]!);
  const sig = emaSeries(macdLine, signal);
  for (let j = 0; j < macdLine.length; j++) {
    const sg = sig[j];
    if (sg === undefined) continue;
    out[firstMacd + j] = { macd: macdLine[j]!, signal: sg, histogram: macdLine[j]! - sg };
  }
  return out;
}

export interface MacdCross {
  type: 'bullish' | 'bearish';
  /** Index of the value at which MACD crossed its signal line. */
  index: number;
}

/** The latest crossing of MACD over (bullish) or under (bearish) its signal line. */
export function latestCross(series: readonly (MacdPoint | undefined)[]): MacdCross | undefined {
  for (let i = series.length - 1; i > 0; i--) {
    const cur = series[i];
    const prev = series[i - 1];
    if (!cur || !prev) continue;
    if (prev.histogram <= 0 && cur.histogram > 0) return { type: 'bullish', index: i };
    if (prev.histogram >= 0 && cur.histogram < 0) return { type: 'bearish', index: i };
  }
  return undefined;
}
