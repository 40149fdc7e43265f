import { defaultSettings } from './defaults';
import {
  ASI_PRESETS,
  CROSS_RULES,
  isSpec,
  SETTINGS_SCHEMA,
  specsOf,
  valueAt,
  type CrossRule,
  type SchemaGroup,
  type Settings,
  type Spec,
  type ValueOf,
} from './schema';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `asi.windowDays`; `''` for the whole object. */
  path: string;
  message: string;
}

export type Result<S> = { ok: true; settings: S } | { ok: false; errors: FieldError[] };
export type SettingsResult = Result<Settings>;

/** Longest list accepted at all (a list's own rule may allow fewer). */
const MAX_LIST = 1000;
const SYMBOL_RE = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;
const CATEGORY_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A validator for a schema and its cross-field rules: first the shape (unknown, missing, wrongly
 * typed containers), then every field's own rule, then, once all fields are valid, the rules that
 * tie fields together. Returns every problem of the first stage that has any, each with its path.
 */
export function validatorFor<G extends SchemaGroup>(
  schema: G,
  rules: readonly CrossRule<ValueOf<G>>[],
): (input: unknown) => Result<ValueOf<G>> {
  const fields = specsOf(schema)
    .map((f) => ({ ...f, rank: CHECK_ORDER.indexOf(checkOf(f.spec)) }))
    .sort((a, b) => a.rank - b.rank);
  return (input) => {
    const errors: FieldError[] = [];
    if (!isObject(input)) return { ok: false, errors: [{ path: '', message: 'settings must be a JSON object' }] };
    checkShape(input, schema, '', errors);
    if (errors.length > 0) return { ok: false, errors };
    for (const { path, spec } of fields) checkField(spec, valueAt(input, path), path, errors);
    if (errors.length > 0) return { ok: false, errors };
    const s = input as ValueOf<G>;
    for (const r of rules) {
      if (!r.ok(s)) errors.push({ path: r.at, message: typeof r.message === 'string' ? r.message : r.message(s) });
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: s };
  };
}

/** Fields are checked kind by kind, in the order their errors have always been listed (the first is logged). */
const CHECK_ORDER = ['number', 'bounds', 'version', 'bool', 'level', 'enum', 'ticker', 'category'] as const;
const checkOf = (spec: Spec): (typeof CHECK_ORDER)[number] =>
  spec.kind === 'int' || spec.kind === 'num' ? 'number' : spec.kind === 'list' ? spec.item : spec.kind;

/** One field's own rule, from its spec. */
function checkField(spec: Spec, v: unknown, path: string, errors: FieldError[]): void {
  const fail = (message: string, at = path) => errors.push({ path: at, message });
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  switch (spec.kind) {
    case 'int':
    case 'num':
      if (!finite(v)) fail('must be a number');
      else if (spec.kind === 'int' && !Number.isInteger(v)) fail('must be a whole number');
      else if (v < spec.min || v > spec.max) fail(`must be between ${spec.min} and ${spec.max}`);
      return;
    case 'bounds':
      (v as unknown[]).forEach((z, i) => {
        if (!finite(z) || z < spec.min || z > spec.max)
          fail(`must be a number between ${spec.min} and ${spec.max}`, `${path}.${i}`);
      });
      return;
    case 'version':
      if (v !== spec.value) fail('unsupported settings version');
      return;
    case 'bool':
      if (typeof v !== 'boolean') fail('must be on or off');
      return;
    case 'enum':
      if (!spec.values.includes(v as string))
        fail(`must be ${spec.values.slice(0, -1).join(', ')} or ${spec.values[spec.values.length - 1]}`);
      return;
    case 'list': {
      const items = v as unknown[];
      if (spec.item === 'level') {
        items.forEach((l, i) => {
          if (typeof l !== 'number' || !Number.isInteger(l) || l < spec.min || l > spec.max)
            fail(`must be a whole number from ${spec.min} to ${spec.max}`, `${path}.${i}`);
        });
        if (items.length > spec.maxItems) fail(`at most ${spec.maxItems} levels`);
      } else {
        const [re, message] =
          spec.item === 'ticker'
            ? [SYMBOL_RE, 'must be an upper-case ticker (A-Z, 0-9, . _ -)']
            : [CATEGORY_RE, 'must be a lower-case category id'];
        items.forEach((x, i) => {
          if (typeof x !== 'string' || !re.test(x)) fail(message, `${path}.${i}`);
        });
      }
      return;
    }
  }
}

const validate = validatorFor(SETTINGS_SCHEMA, CROSS_RULES);

/**
 * Validates a complete settings object: every field's type and range, then the rules that tie
 * fields together (ordered thresholds, windows, presets). Returns every problem, each with its path.
 */
export function validateSettings(input: unknown): SettingsResult {
  return validate(input);
}

/**
 * Stored settings as every reader uses them (worker, options page, popup): valid ones as they are,
 * anything else (none yet, a corrupt synced value) the defaults, so a bad value never stops the
 * extension; `log` gets the first problem, the reason the defaults were used.
 */
export function settingsOrDefaults(raw: unknown, log?: (msg: string) => void): Settings {
  const v = validateSettings(raw);
  if (v.ok) return v.settings;
  log?.(`Regime Lens: stored settings invalid (${v.errors[0]?.path} ${v.errors[0]?.message}); using defaults`);
  return defaultSettings();
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
  for (const path of TICKER_LISTS) {
    const list = valueAt(merged, path);
    const [parent, key] = [path.slice(0, path.lastIndexOf('.')), path.slice(path.lastIndexOf('.') + 1)];
    if (Array.isArray(list))
      (valueAt(merged, parent) as Record<string, unknown>)[key] = list.map((x) =>
        typeof x === 'string' ? x.trim().toUpperCase() : x,
      );
  }
  return validateSettings(merged);
}

/** Lists of tickers: what is typed or imported (" usdt ") is stored as the ticker ("USDT"). */
const TICKER_LISTS = specsOf(SETTINGS_SCHEMA)
  .filter(({ spec }) => spec.kind === 'list' && spec.item === 'ticker')
  .map(({ path }) => path);

/** Unknown keys and wrong container types are errors, so a typo in an import is never ignored. */
function checkShape(value: Record<string, unknown>, group: SchemaGroup, prefix: string, errors: FieldError[]) {
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // Own keys only: `toString`, `constructor` or `__proto__` are not settings, though `in` finds them.
    if (!Object.hasOwn(group, key)) {
      errors.push({ path, message: 'is not a known setting' });
      continue;
    }
    const node = group[key]!;
    const v = value[key];
    if (!isSpec(node)) {
      if (!isObject(v)) errors.push({ path, message: 'must be an object' });
      else checkShape(v, node, path, errors);
    } else if (node.kind === 'list' || node.kind === 'bounds') {
      if (!Array.isArray(v)) errors.push({ path, message: 'must be a list' });
      else if (node.kind === 'bounds' && v.length !== node.default.length)
        errors.push({ path, message: `must have exactly ${node.default.length} boundaries` });
      else if (v.length > MAX_LIST) errors.push({ path, message: 'has too many entries' });
    }
  }
  for (const key of Object.keys(group)) {
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
