/*
 * The badge on the page: storage → view. The worker's badge view becomes a shadow host with static DOM
 * (ui.ts), the panel loaded and built on first open (panel.ts). No Preact, no request, no innerHTML: data goes in
 * as text.
 */
import type { BadgeShow } from '@/lib/badge/controller';
import type * as PanelModule from './panel';
import { BadgeUi } from './ui';
import { detectTheme, type Theme } from '@/lib/badge/theme';
import type { SiteId } from '@/lib/settings/defaults';

/** The shadow host's tag; also how a previous instance's leftover host is found. */
export const HOST_TAG = 'regime-lens-badge';

/** Removes hosts left by an earlier instance of this script (extension reloaded or updated). */
export function removeStaleHosts(): void {
  // Hosts are only ever appended to <html>: its children are read, never the page's whole tree (3,000 rows).
  for (const el of [...document.documentElement.children]) if (el.localName === HOST_TAG) el.remove();
}

/**
 * The badge's shadow root, as WXT's createShadowRootUi builds it (inherited styles reset, keyboard
 * events kept inside) but with the CSS inlined: createShadowRootUi and its helpers, with their
 * fetch() of the stylesheet, would cost a fifth of the 16 KB budget. Not in the DOM until mounted.
 */
export function createHost(css: string): { host: HTMLElement; root: HTMLElement } {
  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial!important}${css}`;
  const root = document.createElement('div');
  // Keys pressed in the badge stay there: the site's hotkeys (TradingView's) never see them.
  for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, root);
  return { host, root };
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The page's theme now. Getters: what the site's rule does not need is never read (TradingView's: its class only). */
export function readTheme(site: SiteId): Theme {
  const attr = (el: Element | null, name: string) => el?.getAttribute(name) ?? '';
  const { documentElement: html, body } = document;
  return detectTheme({
    site,
    htmlClass: attr(html, 'class'),
    get markers() {
      return `${attr(html, 'data-theme')} ${attr(body, 'class')} ${attr(body, 'data-theme')}`;
    },
    get prefersDark() {
      return darkQuery().matches;
    },
  });
}

/**
 * Calls `onChange` when the page's theme may have changed. Only attributes of <html> (and <body>
 * off TradingView) are observed, never a subtree: a chart page mutates its DOM many times a second.
 */
export function watchTheme(site: SiteId, onChange: () => void, signal: AbortSignal): void {
  const mo = new MutationObserver(onChange);
  if (site === 'tradingview') {
    // TradingView's theme switch toggles `theme-dark` on <html>; its chart ignores the OS setting.
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  } else {
    const filter = { attributes: true, attributeFilter: ['class', 'data-theme'] };
    mo.observe(document.documentElement, filter);
    if (document.body) mo.observe(document.body, filter);
    darkQuery().addEventListener('change', onChange, { signal });
  }
  signal.addEventListener('abort', () => mo.disconnect());
}

/**
 * The badge's host and UI, not yet in the page: `show` mounts it after <body> (the site's body styles and
 * re-renders never reach it) and paints, `hide` takes it out. The page's theme is followed from the first show on:
 * a page that never shows the badge (an app's dashboard) never needs it. `panelUrl`: the panel's module, imported
 * at its first open (the import runs in the content script's world, from the extension's own files).
 */
export function badgeHost(css: string, signal: AbortSignal, panelUrl: string) {
  removeStaleHosts(); // a reloaded extension's leftover badge goes before this one is made
  const { host, root } = createHost(css);
  const kit = () => import(/* @vite-ignore */ panelUrl).then((m: typeof PanelModule) => m.panelKit);
  const ui = new BadgeUi(root, signal, kit);
  let watching = false;
  return {
    show(x: BadgeShow) {
      if (!host.isConnected) document.documentElement.append(host);
      ui.show(x, readTheme(x.site));
      if (watching) return;
      watching = true; // a page's site never changes: one watcher, for the site first shown
      watchTheme(x.site, () => host.isConnected && ui.show(ui.x, readTheme(ui.x.site)), signal);
    },
    hide: () => host.remove(),
  };
}

/** `fn` as a callback that never throws: after an extension reload its APIs throw, and nothing is left to undo. */
export const quietly = (fn: () => void) => () => {
  try {
    fn();
  } catch {
    // The extension is gone already; so is what fn would undo.
  }
};
