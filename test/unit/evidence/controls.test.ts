/**
 * The statistics behind the controls, each on a case small enough to compute by hand: the seeded
 * generator, placebo draws (a permutation test against exact combinatorics) and the block bootstrap
 * (against the binomial distribution and the spread of block means).
 */
import { describe, expect, it } from 'vitest';
import { blockBootstrap, mean } from '../../../lib/evidence/block-bootstrap';
import { permutationTest, smallestP } from '../../../lib/evidence/permutation';
import { sampleIndices, seeded } from '../../../lib/evidence/random';

describe('seeded generator', () => {
  it('the same seed gives the same sequence, another seed another one, all in [0, 1)', () => {
    const a = seeded(42);
    const b = seeded(42);
    const c = seeded(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('is uniform: 100,000 draws fill 10 bins within 4 standard deviations of 10,000 each', () => {
    const r = seeded(7);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r() * 10)]++;
    // Binomial(100000, 0.1): sd = sqrt(100000 · 0.1 · 0.9) ≈ 94.9.
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(4 * 94.9);
  });

  it('draws k distinct indices, every pair of 5 equally likely (1 in 10)', () => {
    const r = seeded(1);
    const scratch = Int32Array.from({ length: 5 }, (_, i) => i);
    const pairs = new Map<string, number>();
    const N = 50_000;
    for (let i = 0; i < N; i++) {
      const s = [...sampleIndices(r, 5, 2, scratch)].sort();
      expect(new Set(s).size).toBe(2);
      pairs.set(s.join(), (pairs.get(s.join()) ?? 0) + 1);
    }
    expect(pairs.size).toBe(10);
    // Each pair: Binomial(50000, 0.1), sd ≈ 67.
    for (const n of pairs.values()) expect(Math.abs(n - N / 10)).toBeLessThan(4 * 67);
    expect(() => sampleIndices(r, 2, 3)).toThrow(RangeError);
  });
});

describe('permutation test (placebo triggers)', () => {
  it('two events at the top of 1..10: exactly 1 of the 45 pairs sums to 19 or more, p ≈ 1/45', () => {
    const pool = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const r = permutationTest([9, 10], pool, 'greater', 20_000, 3)!;
    expect(r).toMatchObject({ observed: 9.5, k: 2, pool: 10, permutations: 20_000, seed: 3 });
    // sd of the Monte Carlo estimate: sqrt(p (1 − p) / 20000) ≈ 0.00104.
    expect(Math.abs(r.p - 1 / 45)).toBeLessThan(4 * 0.00104);
    // The same at the bottom, in the other direction.
    expect(Math.abs(permutationTest([1, 2], pool, 'less', 20_000, 3)!.p - 1 / 45)).toBeLessThan(4 * 0.00104);
  });

  it('one of four days held: a single event that held has p ≈ 1/4; two of two in [1,1,0,0,0,0] has p = 1/15', () => {
    expect(Math.abs(permutationTest([1], [0, 0, 0, 1], 'greater', 20_000, 9)!.p - 0.25)).toBeLessThan(4 * 0.0031);
    // C(2,2) / C(6,2) = 1/15; sd ≈ 0.0018.
    expect(Math.abs(permutationTest([1, 1], [1, 1, 0, 0, 0, 0], 'greater', 20_000, 9)!.p - 1 / 15)).toBeLessThan(
      4 * 0.0018,
    );
  });

  it('ties count against the events; better than every placebo gives 1 / (N + 1), never 0', () => {
    expect(permutationTest([5], [5, 5, 5], 'greater', 999, 1)!.p).toBe(1);
    expect(permutationTest([1], [0, 0, 0, 0], 'greater', 999, 1)!.p).toBe(1 / 1000);
    // 0.1 + 0.2 is 0.30000000000000004: it ties 0.3.
    expect(permutationTest([0.1 + 0.2], [0.3, 0, 0], 'greater', 999, 1)!.p).toBeGreaterThan(0.2);
  });

  it('the smallest reachable p: all k events held; 2 of 10 days held and k = 2 gives 1/45, k = 3 gives 0', () => {
    expect(smallestP(2, 10, 2)).toBeCloseTo(1 / 45, 15);
    expect(smallestP(3, 10, 2)).toBe(0);
    // A third of the days held and two events: (1/3)·(299/899) ≈ 0.111, above 0.05 whatever the events did.
    expect(smallestP(2, 900, 300)).toBeCloseTo((300 / 900) * (299 / 899), 15);
  });

  it('reproducible with its seed; no test without events or with fewer pool days than events', () => {
    const pool = Array.from({ length: 100 }, (_, i) => i % 7);
    expect(permutationTest([6, 5], pool, 'greater', 500, 11)).toEqual(
      permutationTest([6, 5], pool, 'greater', 500, 11),
    );
    expect(permutationTest([], pool, 'greater', 500, 11)).toBeNull();
    expect(permutationTest([1, 2, 3], [1, 2], 'greater', 500, 11)).toBeNull();
  });
});

describe('circular block bootstrap', () => {
  const q = { resamples: 20_000, seed: 5 };

  it('a constant series has a zero-width interval; one block as long as the series only rotates it', () => {
    expect(blockBootstrap([3, 3, 3, 3], 2, mean, q)).toMatchObject({ lo: 3, hi: 3, block: 2, level: 0.95 });
    const halves = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(blockBootstrap(halves, 8, mean, q)).toMatchObject({ lo: 0.5, hi: 0.5 });
  });

  it('blocks of 1 are the ordinary bootstrap: 8 coin flips give the binomial 2.5 % / 97.5 % points, 1/8, 7/8', () => {
    // P(X ≤ 0) = 1/256 < 2.5 % < P(X ≤ 1) = 9/256 for X ~ Binomial(8, 1/2).
    const r = blockBootstrap([0, 1, 0, 1, 0, 1, 0, 1], 1, mean, q)!;
    expect(r.lo).toBe(1 / 8);
    expect(r.hi).toBe(7 / 8);
  });

  it('runs of 50: blocks of 50 widen the interval to about ±1.96·sqrt(1/96) (8 near-uniform block means)', () => {
    const runs = Array.from({ length: 400 }, (_, i) => Math.floor(i / 50) % 2);
    const iid = blockBootstrap(runs, 1, mean, q)!;
    const blocks = blockBootstrap(runs, 50, mean, q)!;
    // Blocks of 1: sd = sqrt(0.25 / 400) = 0.025, width ≈ 0.098.
    expect(iid.hi - iid.lo).toBeGreaterThan(0.085);
    expect(iid.hi - iid.lo).toBeLessThan(0.11);
    // A block starting s days into a run holds s/50 of the other value: its mean is uniform on {0, …, 49}/50,
    // variance (50² − 1) / (12 · 50²) ≈ 1/12; 8 blocks: sd ≈ sqrt(1/96) ≈ 0.102, width ≈ 0.40.
    expect(blocks.hi - blocks.lo).toBeGreaterThan(0.34);
    expect(blocks.hi - blocks.lo).toBeLessThan(0.46);
  });

  it('fewer values than one block: no interval', () => {
    expect(blockBootstrap([1, 2, 3], 4, mean, q)).toBeNull();
    expect(blockBootstrap([], 1, mean, q)).toBeNull();
  });
});
