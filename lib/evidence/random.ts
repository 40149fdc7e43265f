/**
 * A seeded pseudo-random generator (mulberry32: 32-bit state, passes the usual small-sample tests),
 * so every permutation test and bootstrap prints the same numbers on every run and machine.
 * Not for anything secret.
 */
export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform integer in 0..n−1. */
export const randomIndex = (rnd: Random, n: number): number => Math.floor(rnd() * n);

/**
 * k distinct indices of 0..n−1, each k-subset equally likely (a partial Fisher–Yates shuffle on a
 * scratch array the caller may reuse across draws: it stays a permutation of 0..n−1).
 */
export function sampleIndices(rnd: Random, n: number, k: number, scratch?: Int32Array): Int32Array {
  if (k > n) throw new RangeError(`cannot draw ${k} of ${n}`);
  const a = scratch && scratch.length === n ? scratch : Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + randomIndex(rnd, n - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.subarray(0, k);
}
