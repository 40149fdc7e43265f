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
  // v3: stage stability (docs/ENGINE.md), new alerts and quiet hours. Every setting the stored value lacks gets its
  // default; a confirmation left at the old default of 2 days moves to the new default of 3, a chosen one is kept.
  3: (old: unknown) => {
    const d = defaultSettings();
    if (typeof old !== 'object' || old === null) return d;
    const filled = fillMissing(d, old) as { hysteresis: { confirmDays: unknown } };
    if ((old as { hysteresis?: { confirmDays?: unknown } }).hysteresis?.confirmDays === 2)
      filled.hysteresis.confirmDays = d.hysteresis.confirmDays;
    return { ...filled, version: 3 };
  },
  // v4: ETF flows (their windows, whether they join the setup, their max age, the rotation alert), all defaults.
  4: (old: unknown) => {
    const d = defaultSettings();
    if (typeof old !== 'object' || old === null) return d;
    return { ...(fillMissing(d, old) as object), version: 4 };
  },
};

/** `old` with every field it lacks taken from `defaults` (objects merged deeply; arrays and values kept whole). */
function fillMissing(defaults: unknown, old: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(defaults) || !isObj(old)) return old === undefined ? defaults : old;
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(defaults)) out[k] = k in old ? fillMissing(v, old[k]) : v;
  return out;
}
