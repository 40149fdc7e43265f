import { sampleIndices, seeded } from './random';

/** The placebo test's result: how often k random days did at least as well as the k events. */
export interface PermutationResult {
  /** Mean of the events' values (for a yes/no claim: the share of events where it held). */
  observed: number;
  k: number;
  /** Days the placebo sets were drawn from (every day with a known value). */
  pool: number;
  permutations: number;
  seed: number;
  /** One-sided, in the claim's direction; (1 + as good or better) / (1 + permutations): never 0. */
  p: number;
}

/**
 * Placebo triggers: `permutations` sets of k days drawn without replacement from `pool` (the same
 * measure on every day with data), each set's mean compared with the events' mean. Ties count
 * against the events (conservative). Null without an event or with fewer pool days than events.
 */
export function permutationTest(
  observed: readonly number[],
  pool: readonly number[],
  direction: 'greater' | 'less',
  permutations: number,
  seed: number,
): PermutationResult | null {
  const k = observed.length;
  if (k === 0 || pool.length < k) return null;
  const obs = observed.reduce((s, v) => s + v, 0);
  const rnd = seeded(seed);
  const scratch = Int32Array.from({ length: pool.length }, (_, i) => i);
  // Compare sums, not means (same k), with a little slack so float rounding never breaks a tie.
  const eps = 1e-9 * Math.max(1, Math.abs(obs));
  let asGood = 0;
  for (let r = 0; r < permutations; r++) {
    let sum = 0;
    for (const i of sampleIndices(rnd, pool.length, k, scratch)) sum += pool[i]!;
    if (direction === 'greater' ? sum >= obs - eps : sum <= obs + eps) asGood++;
  }
  return { observed: obs / k, k, pool: pool.length, permutations, seed, p: (1 + asGood) / (1 + permutations) };
}

/**
 * The smallest p a yes/no claim can reach with k events when `held` of `n` pool days held: the chance
 * that k random days all held (every event held). With few events it can stay above 0.05 whatever happens.
 */
export function smallestP(k: number, n: number, held: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= Math.max(0, held - i) / (n - i);
  return p;
}
