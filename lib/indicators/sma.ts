/** Simple moving average of the last `n` values, or undefined with fewer than `n` values. */
export function sma(values: readonly number[], n: number): number | undefined {
  if (n < 1 || values.length < n) return undefined;
  let sum = 0;
  for (let i = values.length - n; i < values.length; i++) sum += values[i]!;
  return sum / n;
}
