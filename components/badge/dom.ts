/*
 * Plain DOM for the on-page badge (no framework on the trading page): elements built with createElement,
 * text always as text nodes (never parsed as HTML), attributes with setAttribute.
 */
import type { Stage } from '@/lib/phase/stage';

/** The panel's id (panel.ts), for the badge's aria-controls before the panel's module has loaded. */
export const PANEL_ID = 'panel';

export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

function fill<E extends Element>(el: E, attrs: Attrs | null, kids: Child[]): E {
  for (const k in attrs) {
    const v = attrs[k];
    if (v != null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids) if (c != null && c !== false) el.append(c);
  return el;
}

export const h = (tag: string, attrs: Attrs | null = null, ...kids: Child[]): HTMLElement =>
  fill(document.createElement(tag), attrs, kids);

export const svg = (tag: string, attrs: Attrs | null = null, ...kids: Child[]): SVGElement =>
  fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, kids);

/** Each stage's shape in a 12 px box: one path each, even-odd for the outlined ones. */
const SHAPES: Record<Stage, string> = {
  'btc-season': 'M1.5 1.5h9v9h-9z',
  'eth-rotation': 'M6 .8 11.2 6 6 11.2.8 6z',
  mixed: 'M6 1a5 5 0 1 0 0 10A5 5 0 1 0 6 1zm0 1.6a3.4 3.4 0 1 1 0 6.8z',
  'alt-rotation': 'M6 1l5.3 9.6H.7z',
  altseason: 'M6 .6l1.6 3.6 3.9.4-2.9 2.6.8 3.9L6 9.1l-3.4 2 .8-3.9L.5 4.6l3.9-.4z',
  unknown: 'M6 1a5 5 0 1 0 0 10A5 5 0 1 0 6 1zm0 1.6a3.4 3.4 0 1 0 0 6.8 3.4 3.4 0 1 0 0-6.8z',
};

/**
 * A shape per stage (■ ◆ ◐ ▲ ★ ○), so the stage never rests on colour alone: an empty element clipped to the
 * stage's shape (badge.css gives it its box and colour), so mounting the pill creates no SVG element. Decorative: the
 * label beside it carries the meaning.
 */
export function stageIcon(stage: string): HTMLElement {
  const s = Object.hasOwn(SHAPES, stage) ? (stage as Stage) : 'unknown';
  const icon = h('i', { class: 'icon', 'data-s': s, 'aria-hidden': 'true' });
  icon.style.clipPath = `path(evenodd, '${SHAPES[s]}')`;
  return icon;
}

/** A value that may be unknown: "—" on screen, "… unknown" for screen readers. */
export const value = (c: { text: string; known: boolean; aria: string }, cls = '') =>
  h('span', { class: `v ${cls}`, 'data-known': String(c.known), role: 'img', 'aria-label': c.aria }, c.text);

/** A stale value's mark beside it: its age in words (not colour alone), the data's date as the title. */
export const staleChip = (m: { text: string; title: string } | null) =>
  m && h('span', { class: 'chip stale', title: m.title }, m.text);
