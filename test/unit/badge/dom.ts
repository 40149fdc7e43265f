/** The static-DOM badge (components/badge/ui.ts) in linkedom: no layout, so fixed element sizes. */
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { panelKit } from '../../../components/badge/panel';
import { BadgeUi } from '../../../components/badge/ui';
import type { BadgeShow } from '../../../lib/badge/controller';
import type { BadgeLayout } from '../../../lib/badge/state';
import { buildBadgeView, type BadgeViewInput } from '../../../lib/badge/view';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';

export const VIEWPORT = { width: 1280, height: 720 };
export const BADGE_SIZE = { width: 200, height: 32 };
export const DOT_SIZE = { width: 20, height: 20 };
export const en = translateFrom(loadLocales().en!);
/** A chart page whose URL names a coin (SOL): the panel opened there has a coin line. */
export const SOL_CHART = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ASOLUSDT';

let win: Window & typeof globalThis;

/**
 * ResizeObserver as the browser runs it, with linkedom's fixed sizes (BADGE_SIZE; DOT_SIZE for a collapsed
 * badge): observations are delivered later (by `layoutFrame`, as the browser does after its next layout), first
 * once, then whenever the size changed.
 */
const observed = new Map<Element, { cb: ResizeObserverCallback; ro: ResizeObserver; last: string | null }>();
const boxOf = (el: Element) => (el.getAttribute('data-collapsed') === 'true' ? DOT_SIZE : BADGE_SIZE);
export class FakeResizeObserver {
  constructor(private cb: ResizeObserverCallback) {}
  observe(el: Element) {
    observed.set(el, { cb: this.cb, ro: this as unknown as ResizeObserver, last: null });
  }
  unobserve(el: Element) {
    observed.delete(el);
  }
  disconnect() {
    for (const [el, o] of observed) if (o.ro === (this as unknown as ResizeObserver)) observed.delete(el);
  }
}

/** The browser's next layout, as far as the badge sees it: delivers the ResizeObserver observations due. */
export function layoutFrame() {
  for (const [el, o] of [...observed]) {
    const size = boxOf(el);
    const key = `${size.width}x${size.height}`;
    if (o.last === key) continue;
    o.last = key;
    o.cb(
      [
        {
          target: el,
          borderBoxSize: [{ inlineSize: size.width, blockSize: size.height }],
        } as unknown as ResizeObserverEntry,
      ],
      o.ro,
    );
  }
}

export function setupDom(): Window & typeof globalThis {
  const dom = parseHTML('<!doctype html><html><body></body></html>');
  win = dom.window as unknown as Window & typeof globalThis;
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.document,
    Node: dom.window.Node,
    Element: dom.window.Element,
    HTMLElement: dom.window.HTMLElement,
    Event: dom.window.Event,
    innerWidth: VIEWPORT.width,
    innerHeight: VIEWPORT.height,
    addEventListener: () => {},
    removeEventListener: () => {},
    ResizeObserver: FakeResizeObserver,
  });
  const sizes = [
    ['offsetWidth', BADGE_SIZE.width],
    ['offsetHeight', BADGE_SIZE.height],
    ['clientWidth', VIEWPORT.width],
    ['clientHeight', VIEWPORT.height],
  ] as const;
  for (const [prop, value] of sizes)
    Object.defineProperty(dom.window.HTMLElement.prototype, prop, { configurable: true, get: () => value });
  (dom.window.HTMLElement.prototype as unknown as { setPointerCapture(): void }).setPointerCapture = () => {};
  return win;
}

/** What the content script shows for a view built by the worker from `x` (English, en-US numbers). */
export function shown(
  x: Partial<BadgeViewInput> & { snapshot: unknown },
  o: { layout?: BadgeLayout | null; href?: string; onLayout?: (l: BadgeLayout) => void } = {},
): BadgeShow {
  const view = buildBadgeView({ history: null, settings: null, t: en, locale: 'en-US', now: Date.now(), ...x });
  return {
    site: 'tradingview',
    view,
    // A chart URL naming no coin unless given: the panel's coin line stays out.
    href: o.href ?? 'https://www.tradingview.com/chart/AbC123/',
    panel: async () => view,
    layout: o.layout ?? null,
    onLayout: o.onLayout ?? (() => {}),
    onDetails: () => {},
  };
}

/** A badge UI on a fresh root in the document; `show` paints and delivers the next layout. */
export function mountUi() {
  const root = document.createElement('div');
  document.body.append(root);
  const ctl = new AbortController();
  // The panel's module as imported (on the page: content-scripts/badge-panel.js, loaded at the first open).
  const ui = new BadgeUi(root, ctl.signal, async () => panelKit);
  return {
    root,
    ui,
    show(x: BadgeShow) {
      ui.show(x, 'light');
      layoutFrame();
      return root;
    },
    dispose: () => ctl.abort(),
  };
}

export function click(el: Element | null) {
  el!.dispatchEvent(new win.Event('click', { bubbles: true }));
}

/** Lets what a click started finish: the panel opens once its module and data have come (promises). */
export { settle } from '../../support/async';

/** Renders a Preact view (the options page's, the popup's) into the linkedom document. */
export function mount(node: ComponentChild, root: HTMLElement = document.createElement('div')): HTMLElement {
  if (!root.isConnected) document.body.append(root);
  act(() => render(node, root));
  return root;
}
