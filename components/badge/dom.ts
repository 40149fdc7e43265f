/*
 * Plain DOM for the on-page badge (no framework on the trading page): elements built with createElement,
 * text always as text nodes (never parsed as HTML), attributes with setAttribute.
 */
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

const SHAPES = ['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason'];

/**
 * A shape per stage (■ ◆ ◐ ▲ ★ ○), so the stage never rests on colour alone: an empty element that badge.css
 * clips to the stage's shape (`.icon[data-s]`), so mounting the pill creates no SVG element. Decorative: the label
 * beside it carries the meaning.
 */
export const stageIcon = (stage: string) =>
  h('i', { class: 'icon', 'data-s': SHAPES.includes(stage) ? stage : 'unknown', 'aria-hidden': 'true' });

/** A value that may be unknown: "—" on screen, "… unknown" for screen readers. */
export const value = (c: { text: string; known: boolean; aria: string }, cls = '') =>
  h('span', { class: `v ${cls}`, 'data-known': String(c.known), role: 'img', 'aria-label': c.aria }, c.text);

/** A stale value's mark beside it: its age in words (not colour alone), the data's date as the title. */
export const staleChip = (m: { text: string; title: string } | null) =>
  m && h('span', { class: 'chip stale', title: m.title }, m.text);
