import type { Stats } from './types';

/** Quantile of ascending values by linear interpolation between closest ranks (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function stats(values: readonly number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  return {
    n: v.length,
    median: quantile(v, 0.5),
    p25: quantile(v, 0.25),
    p75: quantile(v, 0.75),
    sharePositive: v.length === 0 ? null : v.filter((x) => x > 0).length / v.length,
  };
}
