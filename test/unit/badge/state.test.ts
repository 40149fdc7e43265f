/** What lib/badge/state.ts reads from storage: the snapshot frame (for the view builder), layouts. */
import { describe, expect, it } from 'vitest';
import { layoutFor, usableSnapshot } from '../../../lib/badge/state';
import { realSnapshot } from '../../support/snapshot';

describe('usableSnapshot', () => {
  it('passes a real snapshot through unchanged', () => {
    const s = realSnapshot('2025-09-19');
    expect(usableSnapshot(s)).toBe(s);
  });

  it.each([
    ['null', null],
    ['a string', 'snapshot'],
    ['another version', { ...realSnapshot('2025-09-19'), version: 1 }],
    ['no computedAt', { ...realSnapshot('2025-09-19'), computedAt: '1' }],
    ['no evaluation', { ...realSnapshot('2025-09-19'), evaluation: null }],
    ['an unknown stage', realSnapshot('2025-09-19', (s) => ((s.evaluation.phase as { stage: string }).stage = 'moon'))],
    [
      'no phase',
      realSnapshot('2025-09-19', (s) => ((s.evaluation as unknown as Record<string, unknown>).phase = undefined)),
    ],
  ])('refuses %s (shown as "No data")', (_name, v) => expect(usableSnapshot(v)).toBeNull());
});

describe('layoutFor', () => {
  it('reads a site’s well-formed layout, collapsed only when exactly true', () => {
    const all = { tradingview: { x: 10, y: 20, collapsed: true }, binance: { x: 1, y: 2, collapsed: 'yes' } };
    expect(layoutFor(all, 'tradingview')).toEqual({ x: 10, y: 20, collapsed: true });
    expect(layoutFor(all, 'binance')).toEqual({ x: 1, y: 2, collapsed: false });
  });

  it('is null for a missing site, a reset (empty) store, or malformed values', () => {
    expect(layoutFor({}, 'tradingview')).toBeNull();
    expect(layoutFor(undefined, 'tradingview')).toBeNull();
    expect(layoutFor('x', 'tradingview')).toBeNull();
    expect(layoutFor({ tradingview: { x: '10', y: 20 } }, 'tradingview')).toBeNull();
    expect(layoutFor({ tradingview: { x: NaN, y: 20 } }, 'tradingview')).toBeNull();
    expect(layoutFor({ tradingview: null }, 'tradingview')).toBeNull();
  });
});
