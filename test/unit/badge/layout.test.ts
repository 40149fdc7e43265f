/**
 * Stored layouts reach open badges (issue: "Reset badge positions" in options left open tabs where
 * they were until a reload): a layout set from another tab moves the badge; a reset (the layout
 * gone) puts it back to the default place, expanded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HOME } from '../../../lib/badge/drag';
import type { BadgeLayout } from '../../../lib/badge/state';
import { realSnapshot } from '../../support/snapshot';
import { mountUi, setupDom, shown } from './dom';

const snap = realSnapshot('2025-09-19');

describe('layout from storage', () => {
  beforeAll(() => setupDom());

  const app = (layout: BadgeLayout | null, onLayout: (l: BadgeLayout) => void = () => {}) =>
    shown({ snapshot: snap, now: snap.computedAt }, { layout, onLayout });
  const where = (root: HTMLElement) => {
    const b = root.querySelector<HTMLElement>('.badge')!;
    return {
      left: b.style.left,
      top: b.style.top,
      collapsed: b.getAttribute('data-collapsed'),
      right: b.style.right || '',
    };
  };
  // The default place, as CSS anchors it (left/top only once moved, or in a window too small for it).
  const anchored = { left: '', top: `${HOME.top}px`, collapsed: 'false', right: `${HOME.right}px` };

  it('starts where it was left, and moves when another tab stores a new place', () => {
    const m = mountUi();
    const root = m.show(app({ x: 10, y: 20, collapsed: true }));
    expect(where(root)).toEqual({ left: '10px', top: '20px', collapsed: 'true', right: '' });
    m.show(app({ x: 300, y: 400, collapsed: false }));
    expect(where(root)).toEqual({ left: '300px', top: '400px', collapsed: 'false', right: '' });
  });

  it('a reset (layout set → null) puts an open badge back to the default place, expanded, without storing anything', () => {
    const stored: BadgeLayout[] = [];
    const m = mountUi();
    const root = m.show(app({ x: 10, y: 20, collapsed: true }, (l) => stored.push(l)));
    expect(where(root).collapsed).toBe('true');
    m.show(app(null, (l) => stored.push(l)));
    expect(where(root)).toEqual(anchored);
    expect(root.querySelector('button.main')).not.toBeNull();
    // The default place is not written back: the site stays "not arranged".
    expect(stored).toEqual([]);
  });

  it('without a stored layout it sits at the default place, and stays there on unrelated updates', () => {
    const m = mountUi();
    const root = m.show(app(null));
    expect(where(root)).toEqual(anchored);
    m.show(app(null));
    expect(where(root)).toEqual(anchored);
  });
});
