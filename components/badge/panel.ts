/*
 * The badge's mini-panel. Also its own ES module in the build (content-scripts/badge-panel.js, wxt.config.ts): the
 * content script imports it the first time the user opens the panel, so none of this is parsed on page load.
 */
import { coinFromUrl } from '@/lib/badge/coin';
import type { BadgeView } from '@/lib/badge/view';
import { coinLine, updatedText } from '@/lib/badge/view-read';
import type { SiteId } from '@/lib/settings/defaults';
import { h, PANEL_ID, stageIcon, staleChip, svg, value } from './dom';
import css from './panel.css?inline';

/** The panel's stylesheet, for the badge's shadow root when the panel first opens (badge.css is there from mount). */
export const panelStyle = () => h('style', null, css);

const W = 96;
const H = 24;

/** A line's 90 days (path data built by the worker) in plain SVG; a missing stretch stays a gap. */
function spark(l: BadgeView['panel']['lines'][number], empty: string) {
  if (!l.d) return h('span', { class: 'nospark' }, empty);
  return svg(
    'svg',
    { class: 'spark', width: W, height: H, role: 'img', 'aria-label': l.sparkLabel },
    ...l.refs.map((y) => svg('line', { x2: W, y1: y, y2: y })),
    svg('path', { d: l.d }),
    l.last && svg('circle', { cx: l.last[0], cy: l.last[1], r: 1.8 }),
  );
}

/**
 * "All rules": a disclosure button and the list it shows. The list takes the room left in the panel and scrolls
 * inside it, so opening it never pushes the panel past its height (nor its last line out of view).
 */
function allRules(label: string, more: string[]) {
  if (!more.length) return [];
  const id = `${PANEL_ID}-more`;
  const list = h('ul', { id, class: 'small more', hidden: true }, ...more.map((x) => h('li', null, x)));
  const btn = h('button', { type: 'button', class: 'small all', 'aria-expanded': 'false', 'aria-controls': id }, label);
  btn.onclick = () => {
    list.hidden = !list.hidden;
    btn.setAttribute('aria-expanded', String(!list.hidden));
  };
  return [btn, list];
}

/** Only links to the web: the view comes from storage, and storage is not trusted to hold only what we wrote. */
const safeHref = (u: string) => (/^https:\/\//.test(u) ? u : null);

/**
 * The mini-panel, built when the user opens it (never on page load): the stage and its days, the thesis clock,
 * the coin on screen, each line with value and 90-day sparkline (a stale value demoted, with its age), the
 * decisive reasons first and the rest behind "All rules", the source charts, and Details.
 */
export function buildPanel(v: BadgeView, coin: string | null, now: number, onClose: () => void, onDetails: () => void) {
  const p = v.panel;
  const t = v.text;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t.close, title: t.close }, '×');
  close.onclick = onClose;
  const details = h('button', { type: 'button', class: 'details' }, t.details);
  details.onclick = onDetails;
  const ul = (cls: string, items: string[]) => h('ul', { class: cls }, ...items.map((x) => h('li', null, x)));
  return h(
    'section',
    { id: PANEL_ID, class: 'panel', role: 'dialog', 'aria-labelledby': `${PANEL_ID}-title`, tabindex: -1 },
    h(
      'div',
      { class: 'head' },
      h('h2', { id: `${PANEL_ID}-title` }, stageIcon(v.stage), v.label),
      v.days && h('span', { class: 'muted', title: v.daysTitle }, v.days),
      close,
    ),
    p.clock && h('p', { class: 'small clock', title: p.clock }, p.clock),
    coin && h('p', { class: 'coin', title: t.coinLabel }, coin),
    p.flags.length > 0 && h('p', null, ...p.flags.map((f) => h('span', { class: 'chip' }, f))),
    h(
      'ul',
      null,
      ...p.lines.map((l) =>
        h(
          'li',
          { class: 'line', 'data-line': l.id, 'data-stale': String(!!l.stale) },
          h(
            'div',
            null,
            h('span', { class: 'k' }, l.label),
            ' ',
            value(l.value, l.stale ? 'old' : 'big'),
            ' ',
            staleChip(l.stale),
            h('div', { class: 'muted', title: l.note }, l.note),
          ),
          spark(l, t.sparkEmpty),
        ),
      ),
    ),
    h(
      'dl',
      null,
      ...p.extras.map((x) =>
        h(
          'div',
          { 'data-stale': String(!!x.stale) },
          h('dt', { class: 'k' }, x.label),
          h(
            'dd',
            null,
            value(x.value, x.stale ? 'old' : ''),
            ' ',
            staleChip(x.stale),
            ' ',
            x.note && h('span', { class: 'muted' }, x.note),
          ),
        ),
      ),
    ),
    p.top.length > 0 && h('h3', null, t.reasons),
    ul('small', p.top),
    ...allRules(t.allRules, p.more),
    p.flows && h('p', { class: 'small', 'data-testid': 'flows' }, p.flows),
    h(
      'p',
      { class: 'links small', 'aria-label': t.links },
      ...p.links.map((l) => {
        const href = safeHref(l.href);
        return href && h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-link': l.id }, l.label);
      }),
    ),
    h('div', { class: 'foot' }, h('span', { class: 'muted' }, updatedText(v, now)), details),
  );
}

/** What the badge needs of this module, once loaded: the panel for a view and page, and its stylesheet. */
export interface PanelKit {
  build(
    v: BadgeView,
    page: { site: SiteId; href: string },
    now: number,
    onClose: () => void,
    onDetails: () => void,
  ): HTMLElement;
  style(): HTMLElement;
}

/** The coin-on-screen line for the page the panel opens on (URL parsing, a table lookup), or null: none named. */
export const coinOnScreen = (v: Pick<BadgeView, 'coins'>, page: { site: SiteId; href: string }) =>
  coinLine(v, coinFromUrl(page.site, page.href));

export const panelKit: PanelKit = {
  build: (v, page, now, onClose, onDetails) => buildPanel(v, coinOnScreen(v, page), now, onClose, onDetails),
  style: panelStyle,
};
