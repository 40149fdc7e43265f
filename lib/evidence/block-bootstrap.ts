import { quantile } from './stats';
import { randomIndex, seeded } from './random';

export interface BootstrapInterval {
  lo: number;
  hi: number;
  /** 0.95 for a 95 % interval. */
  level: number;
  /** Observations per block (the pools are daily, so days). */
  block: number;
  resamples: number;
  seed: number;
}

/**
 * Circular block bootstrap (Politis and Romano): resamples of the time-ordered values built from
 * blocks of `block` consecutive observations starting anywhere (wrapping at the end), so the
 * dependence inside a block survives; the percentile interval of `stat` over the resamples. Null with
 * fewer values than one block: such a series holds less than one independent window.
 */
export function blockBootstrap(
  values: readonly number[],
  block: number,
  stat: (xs: number[]) => number | null,
  o: { resamples: number; seed: number; level?: number },
): BootstrapInterval | null {
  const n = values.length;
  const level = o.level ?? 0.95;
  if (n === 0 || block < 1 || n < block) return null;
  const rnd = seeded(o.seed);
  const out: number[] = [];
  const xs = new Array<number>(n);
  for (let r = 0; r < o.resamples; r++) {
    for (let filled = 0; filled < n;) {
      const start = randomIndex(rnd, n);
      for (let j = 0; j < block && filled < n; j++) xs[filled++] = values[(start + j) % n]!;
    }
    const s = stat(xs);
    if (s !== null) out.push(s);
  }
  if (out.length === 0) return null;
  out.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { lo: quantile(out, tail)!, hi: quantile(out, 1 - tail)!, level, block, resamples: o.resamples, seed: o.seed };
}

export const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((s, v) => s + v, 0) / xs.length;
