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
};
