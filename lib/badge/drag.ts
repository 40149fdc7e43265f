export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

/** Kept free around the badge so it never touches the window edge or hides under a scrollbar. */
export const EDGE = 8;
/** Pointer travel (px) below which a press is a click, not a drag. */
export const DRAG_THRESHOLD = 4;

/**
 * Keeps a box of `size` at `pos` fully inside the viewport (with a margin); a box larger than the viewport sticks to
 * the top-left.
 */
export function clampPosition(pos: Point, size: Size, viewport: Size, margin = EDGE): Point {
  const clamp = (v: number, max: number) =>
    Math.round(Math.max(margin, Math.min(Number.isFinite(v) ? v : margin, max)));
  return {
    x: clamp(pos.x, viewport.width - size.width - margin),
    y: clamp(pos.y, viewport.height - size.height - margin),
  };
}

/**
 * The default place's distance from the window's right and top edges. The badge's first paint is
 * anchored there by CSS alone (no size read); defaultPosition is the same place in left/top terms.
 */
export const HOME = { right: 72, top: 64 } as const;

/** The default place in left/top terms as CSS anchors it (HOME), before any clamping into the window. */
export function homeAnchor(size: Size, viewport: Size): Point {
  return { x: viewport.width - size.width - HOME.right, y: HOME.top };
}

/**
 * Where the badge starts on a site the user has not arranged: top right, under the usual header, clear of right-hand
 * toolbars.
 */
export function defaultPosition(size: Size, viewport: Size): Point {
  return clampPosition(homeAnchor(size, viewport), size, viewport);
}

/** The badge position while dragging: where it started plus how far the pointer moved. */
export function dragPosition(start: Point, pointerStart: Point, pointerNow: Point): Point {
  return { x: start.x + pointerNow.x - pointerStart.x, y: start.y + pointerNow.y - pointerStart.y };
}

export function isDrag(pointerStart: Point, pointerNow: Point, threshold = DRAG_THRESHOLD): boolean {
  return Math.hypot(pointerNow.x - pointerStart.x, pointerNow.y - pointerStart.y) >= threshold;
}

/**
 * Where the mini-panel goes: below the badge when it fits, else above, else wherever has more room;
 * left-aligned with the badge, then clamped into the viewport.
 */
export function panelPosition(badge: Point & Size, panel: Size, viewport: Size, gap = 6): Point {
  const below = badge.y + badge.height + gap;
  const above = badge.y - gap - panel.height;
  const roomBelow = viewport.height - below - EDGE;
  const roomAbove = badge.y - gap - EDGE;
  const y =
    panel.height <= roomBelow ? below : panel.height <= roomAbove ? above : roomBelow >= roomAbove ? below : above;
  return clampPosition({ x: badge.x, y }, panel, viewport);
}
