/** Renders the badge into linkedom (no layout: fixed element sizes), as test/unit/xss/render.test.tsx does. */
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export const VIEWPORT = { width: 1280, height: 720 };
export const BADGE_SIZE = { width: 200, height: 32 };

let win: Window & typeof globalThis;

/**
 * ResizeObserver as the browser runs it, with linkedom's fixed sizes (BADGE_SIZE; DOT_SIZE for a
 * collapsed badge): observations are delivered later (by `layoutFrame`, which `mount` calls after the
 * render, as the browser does after its next layout), first once, then whenever the size changed.
 */
export const DOT_SIZE = { width: 20, height: 20 };
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
  act(() => {
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
  });
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

export function mount(node: ComponentChild, root: HTMLElement = document.createElement('div')): HTMLElement {
  if (!root.isConnected) document.body.append(root);
  act(() => render(node, root));
  layoutFrame();
  return root;
}

export function click(el: Element | null) {
  act(() => {
    el!.dispatchEvent(new win.Event('click', { bubbles: true }));
  });
}
