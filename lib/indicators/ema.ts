/*
 * Indicators: moving averages, MACD and regression over plain number arrays, the bottom of the flow.
 * Flow: provider → cache → engine (signals use these) → snapshot → storage → views; no dates, no I/O.
 */
/**
 * Exponential moving average series with smoothing 2 / (n + 1), seeded with the SMA of the first
 * `n` values (the usual charting convention). Entries before the seed are undefined.
 */
export function emaSeries(values: readonly number[], n: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(values.length).fill(undefined);
  if (n < 1 || values.length < n) return out;
  const k = 2 / (n + 1);
  let seed = 0;
  for (let i = 0; i < n; i++) seed += values[i]!;
  let prev = seed / n;
  out[n - 1] = prev;
  for (let i = n; i < values.length; i++) {
    prev = values[i]! * k + prev * (1 - k);
    out[i] = prev;
  }
  return out;
}
