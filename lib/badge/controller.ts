import type { Command } from '../messages';
import type { SiteId } from '../settings/defaults';
import { coinFromUrl } from './coin';
import { siteFromUrl } from './sites';
import { KEYS } from './keys';
import { layoutFor, type BadgeLayout } from './state';
import type { BadgeView } from './view';
import { coinLine, usableView } from './view-read';

/** The part of a storage area the badge uses (browser.storage.local). */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** What the page shows on each update: the worker's view, the coin on screen, the site's place and callbacks. */
export interface BadgeShow {
  site: SiteId;
  view: BadgeView;
  /** The coin-on-screen line, or null when the page's URL names no coin: worked out when the panel is built. */
  coin(): string | null;
  layout: BadgeLayout | null;
  onLayout(layout: BadgeLayout): void;
  onDetails(): void;
}

export interface BadgeControllerDeps {
  local: StorageAreaLike;
  /** Sends a command to the worker (browser.runtime.sendMessage). */
  send(command: Command): Promise<unknown>;
  /** False once the extension is gone (reloaded or updated): nothing is shown, written or sent then. */
  isValid(): boolean;
  show(x: BadgeShow): void;
  hide(): void;
}

export interface BadgeController {
  /** Shows, updates or hides the badge, for the page at `href` (default: the last one). */
  update(href?: string): void;
  /** A storage.onChanged listener: updates the badge when something it reads changed. */
  onChanged(changes: Record<string, { newValue?: unknown }>, area: string): void;
}

/**
 * The content script's logic, with the browser injected: ONE storage read of the worker's badge view (and the
 * stored places), then per page whether and what to show. Storage is read raw (KEYS, pinned to
 * lib/platform/items.ts by a unit test): WXT's storage layer would take a quarter of the size budget.
 */
export async function startBadgeController(d: BadgeControllerDeps, href: string): Promise<BadgeController> {
  const l = await d.local.get([KEYS.view, KEYS.layouts]);
  let view = usableView(l[KEYS.view]);
  let layouts = l[KEYS.layouts];
  // Read-modify-write of the whole map: other sites keep their own place.
  const saveLayout = (site: SiteId, layout: BadgeLayout) =>
    d.isValid() &&
    void d.local
      .get(KEYS.layouts)
      .then((v) => d.local.set({ [KEYS.layouts]: { ...(v[KEYS.layouts] as object), [site]: layout } }))
      .catch(() => {});
  const onDetails = () => d.isValid() && void d.send({ type: 'open-details' }).catch(() => {});
  const update = (next = href) => {
    href = next;
    const site = siteFromUrl(href);
    // A site missing from the view's list is on: every site defaults to on.
    if (!site || !view || view.off.includes(site) || !d.isValid()) return d.hide();
    // The panel's coin line (URL parsing, a table lookup) is worked out for this page and view, only if it opens.
    const [shownView, page] = [view, href];
    d.show({
      site,
      view,
      coin: () => coinLine(shownView, coinFromUrl(site, page)),
      layout: layoutFor(layouts, site),
      onLayout: (layout) => saveLayout(site, layout),
      onDetails,
    });
  };
  return {
    update,
    onChanged: (changes, area) => {
      if (area !== 'local') return;
      const v = changes[KEYS.view];
      const p = changes[KEYS.layouts];
      if (v) view = usableView(v.newValue);
      if (p) layouts = p.newValue;
      if (v || p) update();
    },
  };
}
