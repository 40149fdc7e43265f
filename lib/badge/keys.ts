/**
 * Storage keys of the items the badge reads (lib/platform/items.ts; a unit test keeps them equal). A module of its
 * own: the popup's first paint reads the view too and bundles nothing else of the badge's state.
 */
export const KEYS = { view: 'badgeView', panel: 'badgePanel', layouts: 'badgeLayout' } as const;
