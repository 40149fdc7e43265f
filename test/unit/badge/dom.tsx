/** Renders the badge into linkedom (no layout: fixed element sizes), as test/unit/xss/render.test.tsx does. */
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export const VIEWPORT = { width: 1280, height: 720 };
export const BADGE_SIZE = { width: 200, height: 32 };

let win: Window & typeof globalThis;

export function setupDom(): Window & typeof globalThis {
  const dom = parseHTML('<!doctype html><html><body></body></html>');
  win = dom.window as unknown as Window & typeof globalThis;
  Object.assign(globalThis, {
    window: dom.window, document: dom.document, Node: dom.window.Node, Element: dom.window.Element, HTMLElement: dom.window.HTMLElement,
    Event: dom.window.Event, innerWidth: VIEWPORT.width, innerHeight: VIEWPORT.height,
    addEventListener: () => {}, removeEventListener: () => {},
  });
  const sizes = [['offsetWidth', BADGE_SIZE.width], ['offsetHeight', BADGE_SIZE.height], ['clientWidth', VIEWPORT.width], ['clientHeight', VIEWPORT.height]] as const;
  for (const [prop, value] of sizes) Object.defineProperty(dom.window.HTMLElement.prototype, prop, { configurable: true, get: () => value });
  (dom.window.HTMLElement.prototype as unknown as { setPointerCapture(): void }).setPointerCapture = () => {};
  return win;
}

export function mount(node: ComponentChild, root: HTMLElement = document.createElement('div')): HTMLElement {
  if (!root.isConnected) document.body.append(root);
  act(() => render(node, root));
  return root;
}

export function click(el: Element | null) {
  act(() => {
    el!.dispatchEvent(new win.Event('click', { bubbles: true }));
  });
}
