import { defaultSettings } from './defaults';

/**
 * Settings migrations, keyed by the version they produce (WXT's `migrations` option). Each takes what
 * the previous version stored and must return the next version's shape; unknown input is passed on
 * for validation, which falls back to defaults rather than crash.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: any) => any> = {
  // v2 added the on-page sites, badge opacity and alerts. Existing thresholds are kept as they were.
  2: (old: unknown) => {
    const d = defaultSettings();
    if (typeof old !== 'object' || old === null) return d;
    return { ...(old as object), version: 2, sites: d.sites, badge: d.badge, alerts: d.alerts };
  },
  // v3: stage stability (docs/ENGINE.md). The hold is new; a confirmation left at the old default of 2 days
  // moves to the new default of 3, a confirmation the user chose is kept.
  3: (old: unknown) => {
    const d = defaultSettings();
    if (typeof old !== 'object' || old === null) return d;
    const o = old as { hysteresis?: { confirmDays?: unknown } };
    const h = typeof o.hysteresis === 'object' && o.hysteresis !== null ? o.hysteresis : {};
    const confirmDays = h.confirmDays === 2 ? d.hysteresis.confirmDays : h.confirmDays;
    return { ...o, version: 3, hysteresis: { ...h, confirmDays, holdDays: d.hysteresis.holdDays } };
  },
};
