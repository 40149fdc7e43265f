import { ASI_PRESETS, defaultSettings, SETTINGS_VERSION, type Settings } from './defaults';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `asi.windowDays`; `''` for the whole object. */
  path: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: FieldError[] };

type Rule = { kind: 'int' | 'num'; min: number; max: number };
const WINDOW: Rule = { kind: 'int', min: 7, max: 5000 };
const PCT: Rule = { kind: 'num', min: 0, max: 100 };
const TOLERANCE: Rule = { kind: 'int', min: 0, max: 30 };

/** The numeric rule for every numeric leaf. Anything not listed here is not a valid setting. */
const NUMERIC: Record<string, Rule> = {
  'russell.referenceHigh': { kind: 'num', min: 0.01, max: 1e7 },
  'russell.breakoutBaseDays': WINDOW,
  'russell.nearAthPct': { kind: 'num', min: 0, max: 50 },
  'russell.breakoutRecentDays': WINDOW,
  'russell.spilloverFromDays': WINDOW,
  'russell.spilloverToDays': WINDOW,
  'russell.smaDays': WINDOW,
  'asi.topN': { kind: 'int', min: 1, max: 1000 },
  'asi.windowDays': WINDOW,
  'asi.toleranceDays': TOLERANCE,
  'asi.minCoveragePct': PCT,
  'dominance.trendPoints': { kind: 'num', min: 0, max: 50 },
  'dominance.changeDays': WINDOW,
  'dominance.changeLongDays': WINDOW,
  'dominance.toleranceDays': TOLERANCE,
  'dominance.macdFast': { kind: 'int', min: 2, max: 60 },
  'dominance.macdSlow': { kind: 'int', min: 3, max: 120 },
  'dominance.macdSignal': { kind: 'int', min: 2, max: 60 },
  'dominance.bearishCrossMonths': { kind: 'int', min: 1, max: 60 },
  'dominance.wedgeWeeks': { kind: 'int', min: 4, max: 260 },
  'ethbtc.changeDays': WINDOW,
  'ethbtc.smaShort': WINDOW,
  'ethbtc.smaLong': WINDOW,
  'ethbtc.toleranceDays': TOLERANCE,
  'total3.changeDays': WINDOW,
  'total3.toleranceDays': TOLERANCE,
  'fearGreed.extremeFear': PCT,
  'fearGreed.fear': PCT,
  'fearGreed.neutral': PCT,
  'fearGreed.greed': PCT,
  'stage.btcSeasonMax': PCT,
  'stage.altRotationMin': PCT,
  'stage.altseasonMin': PCT,
  'stage.ethRotationEthBtcPct': PCT,
  'stage.ethRotationDominancePts': { kind: 'num', min: -100, max: 0 },
  'stage.lateCycleGreed': PCT,
  'stage.lateCycleDominance': PCT,
  'stage.fearWashout': PCT,
  'hysteresis.confirmDays': { kind: 'int', min: 1, max: 30 },
  'hysteresis.marginPoints': { kind: 'num', min: 0, max: 25 },
  'staleness.cryptoMaxAgeDays': { kind: 'int', min: 1, max: 30 },
  'staleness.russellMaxAgeDays': { kind: 'int', min: 1, max: 30 },
  'refresh.intervalMinutes': { kind: 'int', min: 15, max: 1440 },
  'badge.opacity': { kind: 'num', min: 0.3, max: 1 },
  'alerts.snoozeUntil': { kind: 'num', min: 0, max: 8.64e15 },
};

const SYMBOL_RE = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;
const CATEGORY_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Validates a complete settings object: every field's type and range, then the rules that tie
 * fields together (ordered thresholds, windows, presets). Returns every problem, each with its path.
 */
export function validateSettings(input: unknown): SettingsResult {
  const errors: FieldError[] = [];
  if (!isObject(input)) return { ok: false, errors: [{ path: '', message: 'settings must be a JSON object' }] };
  checkShape(input, defaultSettings() as unknown as Record<string, unknown>, '', errors);
  if (errors.length > 0) return { ok: false, errors };
  const s = input as unknown as Settings;

  for (const [path, rule] of Object.entries(NUMERIC)) {
    const v = get(s, path) as number;
    if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ path, message: 'must be a number' });
    else if (rule.kind === 'int' && !Number.isInteger(v)) errors.push({ path, message: 'must be a whole number' });
    else if (v < rule.min || v > rule.max)
      errors.push({ path, message: `must be between ${rule.min} and ${rule.max}` });
  }
  s.dominance.zones.forEach((z, i) => {
    if (typeof z !== 'number' || !Number.isFinite(z) || z < 0 || z > 100) {
      errors.push({ path: `dominance.zones.${i}`, message: 'must be a number between 0 and 100' });
    }
  });
  if (s.version !== SETTINGS_VERSION) errors.push({ path: 'version', message: 'unsupported settings version' });
  for (const [site, on] of Object.entries(s.sites)) {
    if (typeof on !== 'boolean') errors.push({ path: `sites.${site}`, message: 'must be on or off' });
  }
  for (const key of ['stageChange', 'russellBreakout', 'weeklyConfirmation', 'dominanceZone'] as const) {
    if (typeof s.alerts[key] !== 'boolean') errors.push({ path: `alerts.${key}`, message: 'must be on or off' });
  }
  s.alerts.asiLevels.forEach((l, i) => {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 1 || l > 99)
      errors.push({ path: `alerts.asiLevels.${i}`, message: 'must be a whole number from 1 to 99' });
  });
  if (s.alerts.asiLevels.length > 10) errors.push({ path: 'alerts.asiLevels', message: 'at most 10 levels' });
  if (!['top50-90d', 'top100-90d', 'custom'].includes(s.asi.preset)) {
    errors.push({ path: 'asi.preset', message: 'must be top50-90d, top100-90d or custom' });
  }
  s.asi.excludeSymbols.forEach((sym, i) => {
    if (typeof sym !== 'string' || !SYMBOL_RE.test(sym)) {
      errors.push({ path: `asi.excludeSymbols.${i}`, message: 'must be an upper-case ticker (A-Z, 0-9, . _ -)' });
    }
  });
  s.asi.excludeCategories.forEach((c, i) => {
    if (typeof c !== 'string' || !CATEGORY_RE.test(c)) {
      errors.push({ path: `asi.excludeCategories.${i}`, message: 'must be a lower-case category id' });
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const order = (path: string, ok: boolean, message: string) => ok || errors.push({ path, message });
  const st = s.stage;
  order(
    'stage.btcSeasonMax',
    st.btcSeasonMax < st.altRotationMin,
    'Bitcoin season max must be below the alt-rotation min',
  );
  order(
    'stage.altRotationMin',
    st.altRotationMin < st.altseasonMin,
    'alt-rotation min must be below the altseason min',
  );
  const fg = s.fearGreed;
  order('fearGreed.fear', fg.extremeFear < fg.fear, 'fear must be above extreme fear');
  order('fearGreed.neutral', fg.fear < fg.neutral, 'neutral must be above fear');
  order('fearGreed.greed', fg.neutral < fg.greed, 'greed must be above neutral');
  const z = s.dominance.zones;
  for (let i = 1; i < z.length; i++)
    order(`dominance.zones.${i}`, z[i - 1]! < z[i]!, 'zones must be strictly ascending');
  const r = s.russell;
  order('russell.spilloverToDays', r.spilloverFromDays < r.spilloverToDays, 'window end must be after its start');
  const d = s.dominance;
  order('dominance.macdSlow', d.macdFast < d.macdSlow, 'slow period must be longer than the fast one');
  order(
    'dominance.changeLongDays',
    d.changeDays < d.changeLongDays,
    'long change window must be longer than the short one',
  );
  order('ethbtc.smaLong', s.ethbtc.smaShort < s.ethbtc.smaLong, 'long SMA must be longer than the short one');
  order(
    'hysteresis.marginPoints',
    s.hysteresis.marginPoints < (st.altseasonMin - st.btcSeasonMax) / 2,
    'margin must be smaller than half the distance between Bitcoin season and altseason',
  );
  if (s.asi.preset !== 'custom') {
    const p = ASI_PRESETS[s.asi.preset];
    order(
      'asi.preset',
      s.asi.topN === p.topN && s.asi.windowDays === p.windowDays,
      `preset ${p.label} needs top ${p.topN} and ${p.windowDays} days; choose custom to change them`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: s };
}

/**
 * Applies a partial settings object (a CLI file, an import, a form) over a base and validates the
 * whole. Choosing a preset fills its values; changing top N or the window alone makes it custom.
 */
export function mergeSettings(base: Settings, patch: unknown): SettingsResult {
  if (!isObject(patch)) return { ok: false, errors: [{ path: '', message: 'settings must be a JSON object' }] };
  const merged = deepMerge(structuredClone(base) as unknown as Record<string, unknown>, patch) as unknown as Settings;
  const asiPatch = isObject(patch.asi) ? patch.asi : {};
  if (
    typeof asiPatch.preset === 'string' &&
    asiPatch.preset in ASI_PRESETS &&
    !('topN' in asiPatch) &&
    !('windowDays' in asiPatch)
  ) {
    const p = ASI_PRESETS[asiPatch.preset as keyof typeof ASI_PRESETS];
    merged.asi.topN = p.topN;
    merged.asi.windowDays = p.windowDays;
  } else if (!('preset' in asiPatch) && ('topN' in asiPatch || 'windowDays' in asiPatch)) {
    const match = Object.entries(ASI_PRESETS).find(
      ([, p]) => p.topN === merged.asi.topN && p.windowDays === merged.asi.windowDays,
    );
    merged.asi.preset = (match?.[0] ?? 'custom') as Settings['asi']['preset'];
  }
  if (Array.isArray(merged.asi?.excludeSymbols)) {
    merged.asi.excludeSymbols = merged.asi.excludeSymbols.map((x) =>
      typeof x === 'string' ? x.trim().toUpperCase() : x,
    );
  }
  return validateSettings(merged);
}

/** Unknown keys and wrong container types are errors, so a typo in an import is never ignored. */
function checkShape(
  value: Record<string, unknown>,
  model: Record<string, unknown>,
  prefix: string,
  errors: FieldError[],
) {
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // Own keys only: `toString`, `constructor` or `__proto__` are not settings, though `in` finds them.
    if (!Object.hasOwn(model, key)) {
      errors.push({ path, message: 'is not a known setting' });
      continue;
    }
    const m = model[key];
    const v = value[key];
    if (Array.isArray(m)) {
      if (!Array.isArray(v)) errors.push({ path, message: 'must be a list' });
      else if (path === 'dominance.zones' && v.length !== 4)
        errors.push({ path, message: 'must have exactly 4 boundaries' });
      else if (v.length > 1000) errors.push({ path, message: 'has too many entries' });
    } else if (isObject(m)) {
      if (!isObject(v)) errors.push({ path, message: 'must be an object' });
      else checkShape(v, m, path, errors);
    }
  }
  for (const key of Object.keys(model)) {
    if (!(key in value)) errors.push({ path: prefix ? `${prefix}.${key}` : key, message: 'is missing' });
  }
}

function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const t = target[k];
    target[k] = isObject(v) && isObject(t) ? deepMerge(t, v) : v;
  }
  return target;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), obj);
}
