import type { Command } from '../messages';
import type { SiteId } from '../settings/defaults';
import { siteFromUrl } from './sites';
import { KEYS } from './keys';
import { layoutFor, type BadgeLayout } from './state';
import type { BadgePanelPart, BadgePill } from './view';
import { usablePanelPart, usableView } from './view-read';

/** The part of a storage area the badge uses (browser.storage.local). */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** What the page shows on each update: the worker's view, the page, the site's place and callbacks. */
export interface BadgeShow {
  site: SiteId;
  view: BadgePill;
  /** The page's URL: the panel works out the coin on screen from it, when it opens. */
  href: string;
  /** The view's panel part (read from storage on the first call), or null when none usable is stored. */
  panel(): Promise<BadgePanelPart | null>;
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
 * stored places), then per page whether and what to show; the view's panel part is read when the panel first
 * opens. Storage is read raw (KEYS, pinned to lib/platform/items.ts by a unit test): WXT's storage layer would
 * take a quarter of the size budget.
 */
export async function startBadgeController(d: BadgeControllerDeps, href: string): Promise<BadgeController> {
  const l = await d.local.get([KEYS.view, KEYS.layouts]);
  let view = usableView(l[KEYS.view]);
  let layouts = l[KEYS.layouts];
  // undefined: not read yet. Kept current by onChanged from the first read (or change) on.
  let part: BadgePanelPart | null | undefined;
  const panel = async () =>
    part !== undefined
      ? part
      : d.local.get(KEYS.panel).then((r) => (part === undefined ? (part = usablePanelPart(r[KEYS.panel])) : part));
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
    d.show({
      site,
      view,
      href,
      panel,
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
      const pp = changes[KEYS.panel];
      const p = changes[KEYS.layouts];
      if (v) view = usableView(v.newValue);
      if (pp) part = usablePanelPart(pp.newValue);
      if (p) layouts = p.newValue;
      if (v || pp || p) update();
    },
  };
}
