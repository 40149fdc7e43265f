import { describe, expect, it } from 'vitest';
import { snapshotProblem } from '../../../lib/snapshot/validate';
import { realSnapshot } from '../../support/snapshot';

describe('stored snapshot validation', () => {
  const good = realSnapshot('2025-09-19');

  it('accepts a snapshot the worker builds from real data', () => {
    expect(snapshotProblem(JSON.parse(JSON.stringify(good)))).toBeNull();
  });

  it.each([
    ['null', null, 'not an object'],
    ['another version', { ...good, version: 1 }, 'version 1 is not 2'],
    ['a half-written one', { version: 2, computedAt: 1 }, 'evaluation missing'],
    [
      'a version-1 phase (setup a boolean)',
      { ...good, evaluation: { ...good.evaluation, phase: { ...good.evaluation.phase, setup: false } } },
      'phase incomplete',
    ],
    [
      'a setup that is not yes, no or unknown',
      {
        ...good,
        evaluation: { ...good.evaluation, phase: { ...good.evaluation.phase, setup: { state: 'maybe', missing: [] } } },
      },
      'setup is maybe',
    ],
    [
      'an unknown stage',
      { ...good, evaluation: { ...good.evaluation, phase: { ...good.evaluation.phase, stage: 'moon' } } },
      'unknown stage moon',
    ],
    [
      'a signal value that is not a number',
      { ...good, evaluation: { ...good.evaluation, fearGreed: { ...good.evaluation.fearGreed!, value: 'NaN' } } },
      'signal fearGreed value is not a number',
    ],
    [
      'a missing signal',
      { ...good, evaluation: (({ total3: _, ...e }) => e)(good.evaluation) },
      'signal total3 missing',
    ],
  ])('refuses %s with a reason', (_, value, reason) => {
    expect(snapshotProblem(value)).toBe(reason);
  });
});
