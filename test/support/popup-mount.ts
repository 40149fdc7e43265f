/**
 * What the popup's wiring (components/popup/mount.tsx) needs in Node: a linkedom page with `#app` and the browser
 * globals its views use, and storage items as fakes that count their reads and keep their watchers.
 */
import { parseHTML } from 'linkedom';
import { defaultSettings } from '../../lib/settings/defaults';

/** Installs a fresh page as the globals (window, document, DOM classes, matchMedia, requestAnimationFrame). */
export function installPopupDom(): void {
  const { window, document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  Object.assign(globalThis, {
    window,
    document,
    matchMedia: () => ({ matches: false, addEventListener() {}, removeEventListener() {} }),
    requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0),
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    Event: window.Event,
  });
}

/** A stored value as mountPopup reads it: counts its reads, keeps its watchers. */
export function fakeItem(value: unknown) {
  const item = { reads: 0, watchers: [] as ((v: unknown) => void)[] };
  return Object.assign(item, {
    getValue: async () => (item.reads++, value),
    watch: (cb: (v: unknown) => void) => void item.watchers.push(cb),
  });
}

/** Every item mountPopup reads: the snapshot and stage history given, default settings, the rest empty. */
export function fakeItems(snapshot: unknown, stageHistory: unknown) {
  return {
    snapshot: fakeItem(snapshot),
    settings: fakeItem(defaultSettings()),
    phaseLog: fakeItem([]),
    stageHistory: fakeItem(stageHistory),
    seriesCache: fakeItem(null),
    universes: fakeItem({}),
    evidenceLog: fakeItem(null),
  };
}
