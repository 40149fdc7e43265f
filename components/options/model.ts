import type { Translate } from '@/lib/i18n/translate';
import { ASI_PRESETS, type AsiPresetId, type Settings } from '@/lib/settings/defaults';
import { CROSS_RULES, specsOf, SETTINGS_SCHEMA, valueAt, type ListSpec } from '@/lib/settings/schema';
import { mergeSettings, type FieldError, type SettingsResult } from '@/lib/settings/validate';
import {
  ALERT_SWITCHES,
  LIST_FIELDS,
  LISTS,
  NUM_FIELDS,
  PARTNERS,
  SITE_IDS,
  SWITCHES,
  type AlertSwitch,
  type ListField,
} from './fields';

/**
 * The form's working copy: what the user typed, as typed (strings for numbers and lists), so an
 * invalid entry stays visible with its message instead of being coerced or dropped.
 */
export interface Draft {
  num: Record<string, string>;
  lists: Record<ListField, string>;
  preset: AsiPresetId;
  sites: Record<string, boolean>;
  alerts: Record<AlertSwitch, boolean>;
  /** The other switches, by dotted path. */
  switches: Record<string, boolean>;
  opacity: string;
}

function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
}

const LIST_SEP = /[\s,;]+/;

export function toDraft(s: Settings): Draft {
  const num: Record<string, string> = {};
  for (const f of NUM_FIELDS) num[f.path] = String(valueAt(s, f.path));
  return {
    num,
    lists: Object.fromEntries(LIST_FIELDS.map((p) => [p, (valueAt(s, p) as unknown[]).join(', ')])) as Draft['lists'],
    preset: s.asi.preset,
    sites: { ...s.sites },
    alerts: Object.fromEntries(ALERT_SWITCHES.map((k) => [k, s.alerts[k]])) as Draft['alerts'],
    switches: Object.fromEntries(SWITCHES.map((f) => [f.path, valueAt(s, f.path) === true])),
    opacity: String(s.badge.opacity),
  };
}

/** A typed number; empty or malformed text becomes NaN, which validation reports as "must be a number". */
export function parseNumber(text: string): number {
  const t = text.trim();
  return t === '' ? NaN : Number(t);
}

export function parseList(text: string): string[] {
  return text.split(LIST_SEP).filter((x) => x.length > 0);
}

const BOUNDS = specsOf(SETTINGS_SCHEMA).flatMap(({ path, spec }) => (spec.kind === 'bounds' ? [{ path, spec }] : []));
/** A typed list item as the setting holds it: tickers as typed (merging upper-cases them), categories lower case. */
const PARSE_ITEM: Record<ListSpec['item'], (x: string) => string | number> = {
  ticker: (x) => x,
  category: (x) => x.toLowerCase(),
  level: parseNumber,
};

/** The draft as a settings patch (every editable field; the snooze is not part of the form). */
export function toPatch(d: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of NUM_FIELDS) set(patch, f.path, parseNumber(d.num[f.path] ?? ''));
  // A bounds setting (the dominance zones) is one array in Settings, typed in one input per boundary.
  for (const { path, spec } of BOUNDS) {
    const typed = spec.default.map((_, i) => valueAt(patch, `${path}.${i}`));
    set(patch, path, typed);
  }
  set(patch, 'asi.preset', d.preset);
  for (const f of LISTS) set(patch, f.path, parseList(d.lists[f.path]).map(PARSE_ITEM[f.spec.item]));
  for (const k of ALERT_SWITCHES) set(patch, `alerts.${k}`, d.alerts[k]);
  for (const f of SWITCHES) set(patch, f.path, d.switches[f.path] === true);
  patch.sites = Object.fromEntries(SITE_IDS.map((id) => [id, d.sites[id] ?? true]));
  set(patch, 'badge.opacity', parseNumber(d.opacity));
  return patch;
}

/** Validates the draft over the stored settings: the settings to save, or every field error. */
export function checkDraft(base: Settings, d: Draft): SettingsResult {
  return mergeSettings(base, toPatch(d));
}

/** Choosing a preset fills its values; editing top N or the window picks the matching preset or custom. */
export function withPreset(d: Draft, preset: AsiPresetId): Draft {
  if (preset === 'custom') return { ...d, preset };
  const p = ASI_PRESETS[preset];
  return { ...d, preset, num: { ...d.num, 'asi.topN': String(p.topN), 'asi.windowDays': String(p.windowDays) } };
}

export function withNumber(d: Draft, path: string, text: string): Draft {
  const next = { ...d, num: { ...d.num, [path]: text } };
  if (path === 'asi.topN' || path === 'asi.windowDays') {
    const topN = parseNumber(next.num['asi.topN'] ?? '');
    const win = parseNumber(next.num['asi.windowDays'] ?? '');
    const match = Object.entries(ASI_PRESETS).find(([, p]) => p.topN === topN && p.windowDays === win);
    next.preset = (match?.[0] ?? 'custom') as AsiPresetId;
  }
  return next;
}

/** The form field an error belongs to: list items map to their list, zone errors to their input. */
export function fieldOf(path: string): string {
  const list = LIST_FIELDS.find((l) => path === l || path.startsWith(`${l}.`));
  return list ?? path;
}

/**
 * Errors by form field, each translated; a rule that ties two fields shows beside both. A list
 * item's error names the item, e.g. `"ab$": must be an upper-case ticker`.
 */
export function errorsByField(errors: FieldError[], d: Draft, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: string, msg: string) => {
    const list = (out[field] ??= []);
    if (!list.includes(msg)) list.push(msg);
  };
  for (const e of errors) {
    const field = fieldOf(e.path);
    let msg = translateError(e.message, t);
    if (field !== e.path) {
      const index = Number(e.path.slice(field.length + 1));
      const item = parseList(d.lists[field as ListField] ?? '')[index];
      if (item !== undefined) msg = `“${item}”: ${msg}`;
    }
    add(field, msg);
    for (const p of PARTNERS[e.path] ?? []) add(p, msg);
  }
  return out;
}

const EXACT: Record<string, string> = {
  'settings must be a JSON object': 'options_err_object',
  'must be a number': 'options_err_number',
  'must be a whole number': 'options_err_whole',
  'must be a number between 0 and 100': 'options_err_0_100',
  'unsupported settings version': 'options_err_version',
  'must be on or off': 'options_err_on_off',
  'must be a whole number from 1 to 99': 'options_err_level',
  'at most 10 levels': 'options_err_levels_max',
  'must be top50-90d, top100-90d or custom': 'options_err_preset_id',
  'must be an upper-case ticker (A-Z, 0-9, . _ -)': 'options_err_ticker',
  'must be a lower-case category id': 'options_err_category',
  'is not a known setting': 'options_err_unknown_key',
  'must be a list': 'options_err_list',
  'must have exactly 4 boundaries': 'options_err_zones_count',
  'has too many entries': 'options_err_too_many',
  'must be an object': 'options_err_obj',
  'is missing': 'options_err_missing',
  // the rules between settings carry their own keys
  ...Object.fromEntries(CROSS_RULES.flatMap((r) => (typeof r.message === 'string' ? [[r.message, r.key]] : []))),
};

/**
 * validateSettings speaks English; its messages are mapped to translated ones here. A message this
 * table does not know (a rule added later) is shown as it is rather than hidden.
 */
export function translateError(message: string, t: Translate): string {
  const key = EXACT[message];
  if (key) return t(key);
  let m = /^must be between (\S+) and (\S+)$/.exec(message);
  if (m) return t('options_err_between', m[1]!, m[2]!);
  m = /^preset (.+) needs top (\d+) and (\d+) days; choose custom to change them$/.exec(message);
  if (m) return t('options_err_preset', m[1]!, m[2]!, m[3]!);
  return message;
}

/** Errors of an import, as lines for a list ("asi.windowDays: must be …"). */
export function importErrorLines(errors: FieldError[], t: Translate): string[] {
  return errors.map((e) => (e.path ? `${e.path}: ${translateError(e.message, t)}` : translateError(e.message, t)));
}
