import type { Command } from '../messages';
import type { SiteId } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import type { StoredSettings } from './model';
import {
  applyChanges,
  badgeOpacity,
  badgeSite,
  KEYS,
  layoutFor,
  usableSnapshot,
  type BadgeLayout,
  type StoredState,
} from './state';

/** The part of a storage area the badge uses (browser.storage.local / sync). */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** What the view gets on each update: BadgeApp's data and callbacks, for the page's site. */
export interface BadgeView {
  site: SiteId;
  snapshot: Snapshot | null;
  settings: StoredSettings;
  opacity: number;
  layout: BadgeLayout | null;
  onLayout(layout: BadgeLayout): void;
  onDetails(): void;
}

export interface BadgeControllerDeps {
  local: StorageAreaLike;
  sync: StorageAreaLike;
  /** Sends a command to the worker (browser.runtime.sendMessage). */
  send(command: Command): Promise<unknown>;
  /** False once the extension is gone (reloaded or updated): nothing is shown, written or sent then. */
  isValid(): boolean;
  show(view: BadgeView): void;
  hide(): void;
}

export interface BadgeController {
  /** Shows, updates or hides the badge, for the page at `href` (default: the last one). */
  update(href?: string): void;
  /** A storage.onChanged listener: updates the badge when something it reads changed. */
  onChanged(changes: Record<string, { newValue?: unknown }>, area: string): void;
}

/**
 * The content script's logic, with the browser injected: reads what the badge shows from storage,
 * decides per page whether and what to show, and persists where the user left it. Storage is read
 * raw (KEYS, pinned to lib/platform/items.ts by a unit test): WXT's storage layer alone would take a
 * quarter of the content script's 16 KB budget.
 */
export async function startBadgeController(d: BadgeControllerDeps, href: string): Promise<BadgeController> {
  const [l, s] = await Promise.all([d.local.get([KEYS.snapshot, KEYS.layouts]), d.sync.get(KEYS.settings)]);
  const st: StoredState = {
    snapshot: l[KEYS.snapshot],
    layouts: l[KEYS.layouts],
    settings: s[KEYS.settings] as StoredState['settings'],
  };
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
    const site = badgeSite(href, st.settings);
    if (!site || !d.isValid()) return d.hide();
    d.show({
      site,
      snapshot: usableSnapshot(st.snapshot),
      settings: st.settings,
      opacity: badgeOpacity(st.settings),
      layout: layoutFor(st.layouts, site),
      onLayout: (layout) => saveLayout(site, layout),
      onDetails,
    });
  };
  return { update, onChanged: (changes, area) => void (applyChanges(st, changes, area) && update()) };
}
