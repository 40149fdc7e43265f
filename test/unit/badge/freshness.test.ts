/** A signal's age and staleness, judged against the clock (lib/badge/model.ts freshness). */
import { describe, expect, it } from 'vitest';
import { freshness } from '../../../lib/badge/model';
import { dayMs } from '../../../lib/series/dates';
import { realSeriesStaleEthBtc } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

// ETH/BTC as ethbtc.csv alone (no ETH closes to derive it from): stale since 2024-02-29
const snap = realSnapshot('2025-09-19', undefined, undefined, realSeriesStaleEthBtc());
const at = (day: string) => dayMs(day) + 15 * 3_600_000;

describe('freshness', () => {
  it('a close of today is 0 days old and fresh', () => {
    expect(freshness(snap, 'asi', at('2025-09-19'))).toEqual({
      key: 'asi',
      asOf: '2025-09-19',
      ageDays: 0,
      stale: false,
      source: 'coins/*.csv, 71 coins',
    });
  });

  it('crypto series go stale after 2 days, the Russell after 4 (weekends)', () => {
    expect(freshness(snap, 'asi', at('2025-09-21'))?.stale).toBe(false);
    expect(freshness(snap, 'asi', at('2025-09-22'))).toMatchObject({ ageDays: 3, stale: true });
    expect(freshness(snap, 'russell', at('2025-09-22'))).toMatchObject({ ageDays: 3, stale: false });
    expect(freshness(snap, 'russell', at('2025-09-24'))).toMatchObject({ ageDays: 5, stale: true });
  });

  it('follows the user’s max ages', () => {
    expect(freshness(snap, 'asi', at('2025-09-21'), { staleness: { cryptoMaxAgeDays: 1 } })?.stale).toBe(true);
    expect(freshness(snap, 'russell', at('2025-09-24'), { staleness: { russellMaxAgeDays: 7 } })?.stale).toBe(false);
  });

  it('stays stale when the worker said so, whatever the clock (ETH/BTC of 2024-02-29)', () => {
    expect(freshness(snap, 'ethbtc', at('2025-09-19'))).toMatchObject({
      asOf: '2024-02-29',
      ageDays: 568,
      stale: true,
    });
  });

  it('an unknown signal has no freshness: no age for a value that is not there', () => {
    expect(freshness(snap, 'dominance', at('2025-09-19'))).toBeNull();
    expect(freshness(snap, 'total3', at('2025-09-19'))).toBeNull();
    expect(freshness(null, 'asi', at('2025-09-19'))).toBeNull();
    const noDate = realSnapshot('2025-09-19', (s) => ((s.evaluation.asi as { asOf: unknown }).asOf = 5));
    expect(freshness(noDate, 'asi', at('2025-09-19'))).toBeNull();
  });

  it('a clock behind the data never gives a negative age', () => {
    expect(freshness(snap, 'asi', at('2025-09-10'))).toMatchObject({ ageDays: 0, stale: false });
  });
});
