/** Drag clamping and placement (lib/badge/drag.ts), sparkline gaps (lib/badge/sparkline.ts). */
import { describe, expect, it } from 'vitest';
import { clampPosition, defaultPosition, dragPosition, EDGE, isDrag, panelPosition } from '../../../lib/badge/drag';
import { sparkline } from '../../../lib/badge/sparkline';
import { addDays } from '../../../lib/series/dates';
import type { CompactSeries } from '../../../lib/snapshot/types';

const VIEW = { width: 1280, height: 720 };
const BADGE = { width: 200, height: 28 };

describe('drag', () => {
  it('keeps the badge 8 px inside the window on every side', () => {
    expect(clampPosition({ x: 5000, y: 5000 }, BADGE, VIEW)).toEqual({ x: 1280 - 200 - EDGE, y: 720 - 28 - EDGE });
    expect(clampPosition({ x: -300, y: -1 }, BADGE, VIEW)).toEqual({ x: EDGE, y: EDGE });
    expect(clampPosition({ x: 100.4, y: 200.6 }, BADGE, VIEW)).toEqual({ x: 100, y: 201 });
  });

  it('puts a non-finite position at the margin, and a box wider than the window at the top-left', () => {
    expect(clampPosition({ x: NaN, y: Infinity }, BADGE, VIEW)).toEqual({ x: EDGE, y: EDGE });
    expect(clampPosition({ x: 50, y: 50 }, { width: 2000, height: 900 }, VIEW)).toEqual({ x: EDGE, y: EDGE });
  });

  it('starts top right under the header, clear of right-hand toolbars', () => {
    expect(defaultPosition(BADGE, VIEW)).toEqual({ x: 1280 - 200 - 72, y: 64 });
    // A narrow window: still inside it.
    expect(defaultPosition(BADGE, { width: 240, height: 100 })).toEqual({ x: EDGE, y: 64 });
  });

  it('moves by the pointer travel; a press that travels under 4 px is a click', () => {
    expect(dragPosition({ x: 100, y: 100 }, { x: 10, y: 10 }, { x: -290, y: 210 })).toEqual({ x: -200, y: 300 });
    expect(isDrag({ x: 0, y: 0 }, { x: 2, y: 3 })).toBe(false);
    expect(isDrag({ x: 0, y: 0 }, { x: 0, y: 4 })).toBe(true);
  });

  it('opens the panel below the badge, above it near the bottom, clamped into the window', () => {
    const panel = { width: 300, height: 400 };
    expect(panelPosition({ x: 900, y: 64, ...BADGE }, panel, VIEW)).toEqual({ x: 900, y: 64 + 28 + 6 });
    expect(panelPosition({ x: 1050, y: 64, ...BADGE }, panel, VIEW)).toEqual({ x: 1280 - 300 - EDGE, y: 98 });
    expect(panelPosition({ x: 100, y: 600, ...BADGE }, panel, VIEW)).toEqual({ x: 100, y: 600 - 6 - 400 });
  });
});

describe('sparkline', () => {
  const END = '2025-09-19';
  const days = (from: number, to: number, v = (i: number) => i): CompactSeries =>
    Array.from({ length: to - from + 1 }, (_, i) => [addDays(END, from + i), v(from + i)] as [string, number]);

  it('draws one run for a continuous series, with the last point at the right edge', () => {
    const s = sparkline(days(-89, 0), { width: 96, height: 24, end: END });
    expect(s.d.match(/M/g)).toHaveLength(1);
    expect(s.d.match(/L/g)).toHaveLength(89);
    expect(s.last).toEqual([94, 2]);
  });

  it('breaks the line at a gap longer than maxGapDays, and only there; a weekend is no gap at 4', () => {
    const gap = [...days(-89, -50), ...days(-40, 0)];
    expect(sparkline(gap, { width: 96, height: 24, end: END }).d.match(/M/g)).toHaveLength(2);
    const weekend = [...days(-89, -50), ...days(-47, 0)];
    expect(sparkline(weekend, { width: 96, height: 24, end: END, maxGapDays: 4 }).d.match(/M/g)).toHaveLength(1);
    expect(sparkline(weekend, { width: 96, height: 24, end: END, maxGapDays: 1 }).d.match(/M/g)).toHaveLength(2);
  });

  it('never draws a missing or non-finite value as zero, nor points outside the 90-day window', () => {
    const s = sparkline(
      [
        [addDays(END, -200), 0],
        [addDays(END, -10), 50],
        [addDays(END, -9), NaN],
        [addDays(END, -8), 50],
        [addDays(END, 1), 0],
      ],
      {
        width: 96,
        height: 24,
        end: END,
        domain: [0, 100],
      },
    );
    // Two points (50, 50) with a one-day hole between them: a gap, and no point at y of 0 (the bottom, 22).
    expect(s.d).toBe('M83.7 12M85.7 12');
    expect(sparkline([], { width: 96, height: 24, end: END })).toEqual({ d: '', refs: [], last: null });
  });

  it('draws threshold lines inside the range only', () => {
    const s = sparkline(
      days(-9, 0, () => 60),
      { width: 96, height: 24, end: END, domain: [0, 100], refs: [25, 75, 120] },
    );
    expect(s.refs).toEqual([17, 7]);
  });
});
