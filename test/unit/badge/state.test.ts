/** What the content script holds from storage (lib/badge/state.ts): change events, the snapshot frame, layouts. */
import { describe, expect, it } from 'vitest';
import { applyChanges, layoutFor, usableSnapshot, type StoredState } from '../../../lib/badge/state';
import { realSnapshot } from '../../support/snapshot';

const fresh = (): StoredState => ({
  snapshot: 'old',
  layouts: { tradingview: { x: 1, y: 2, collapsed: false } },
  settings: undefined,
});

describe('applyChanges', () => {
  it('takes snapshot and layouts from local, settings from sync, and says when something it reads changed', () => {
    const st = fresh();
    expect(applyChanges(st, { snapshot: { newValue: 'new' } }, 'local')).toBe(true);
    expect(st.snapshot).toBe('new');
    expect(applyChanges(st, { settings: { newValue: { sites: { binance: false } } } }, 'sync')).toBe(true);
    expect(st.settings).toEqual({ sites: { binance: false } });
    expect(applyChanges(st, { badgeLayout: { newValue: {} } }, 'local')).toBe(true);
    expect(st.layouts).toEqual({});
  });

  it('a removed item becomes undefined (the reader falls back to defaults)', () => {
    const st = fresh();
    expect(applyChanges(st, { badgeLayout: {} }, 'local')).toBe(true);
    expect(st.layouts).toBeUndefined();
  });

  it('ignores other keys and the wrong area', () => {
    const st = fresh();
    expect(applyChanges(st, { seriesCache: { newValue: 1 }, phaseLog: { newValue: [] } }, 'local')).toBe(false);
    expect(applyChanges(st, { snapshot: { newValue: 'x' } }, 'sync')).toBe(false);
    expect(applyChanges(st, { settings: { newValue: 'x' } }, 'local')).toBe(false);
    expect(applyChanges(st, { snapshot: { newValue: 'x' } }, 'session')).toBe(false);
    expect(st).toEqual(fresh());
  });
});

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
