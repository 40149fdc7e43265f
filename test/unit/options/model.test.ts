import { describe, expect, it } from 'vitest';
import { NUM_FIELDS, PARTNERS, SECTIONS } from '../../../components/options/fields';
import {
  checkDraft,
  errorsByField,
  fieldOf,
  importErrorLines,
  parseList,
  parseNumber,
  toDraft,
  toPatch,
  translateError,
  withNumber,
  withPreset,
} from '../../../components/options/model';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';
import { mergeSettings, validateSettings } from '../../../lib/settings/validate';

const locales = loadLocales();
const en = translateFrom(locales.en!);
const zh = translateFrom(locales.zh_CN!);
const d0 = defaultSettings();

describe('the options form model', () => {
  it('lists every numeric setting of the validator exactly once', () => {
    const paths = NUM_FIELDS.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    // Every numeric leaf of Settings except the snooze time (set by its buttons) and the opacity (a slider).
    const leaves: string[] = [];
    const walk = (o: unknown, p: string) => {
      if (typeof o === 'number') leaves.push(p);
      else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
    };
    walk(d0, '');
    const skip = new Set(['version', 'badge.opacity', 'alerts.snoozeUntil']);
    expect(paths.sort()).toEqual(leaves.filter((l) => !skip.has(l)).sort());
    expect(SECTIONS.map((s) => s.id)).toEqual([
      'russell',
      'asi',
      'dominance',
      'ethbtc',
      'fearGreed',
      'etfFlows',
      'stage',
      'staleness',
      'refresh',
      'sites',
      'badge',
      'alerts',
      'backup',
    ]);
  });

  it('round-trips the defaults unchanged', () => {
    const r = checkDraft(d0, toDraft(d0));
    expect(r).toEqual({ ok: true, settings: d0 });
  });

  it('round-trips non-default settings', () => {
    const s: Settings = structuredClone(d0);
    s.asi = { ...s.asi, preset: 'custom', topN: 30, windowDays: 60, excludeSymbols: ['USDT'], excludeCategories: [] };
    s.dominance.zones = [48.5, 54, 58, 62];
    s.sites.okx = false;
    s.alerts = { ...s.alerts, asiLevels: [20, 80], dominanceZone: true, snoozeUntil: 123 };
    s.badge.opacity = 0.5;
    const r = checkDraft(s, toDraft(s));
    expect(r).toEqual({ ok: true, settings: s });
  });

  it('parses typed text without coercing bad input', () => {
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseList('a, b;c\n d  ')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList('  ')).toEqual([]);
  });

  it('an ASI window of 5 days: the error sits on the window, the preset turns custom', () => {
    const d = withNumber(toDraft(d0), 'asi.windowDays', '5');
    expect(d.preset).toBe('custom');
    const r = checkDraft(d0, d);
    expect(r.ok).toBe(false);
    const byField = errorsByField(r.ok ? [] : r.errors, d, en);
    expect(byField).toEqual({ 'asi.windowDays': ['must be between 7 and 5000'] });
    expect(errorsByField(r.ok ? [] : r.errors, d, zh)).toEqual({ 'asi.windowDays': ['必须在 7 到 5000 之间'] });
  });

  it('altseason min below alt-rotation min: the message is shown beside both fields', () => {
    const d = withNumber(toDraft(d0), 'stage.altseasonMin', '40');
    const r = checkDraft(d0, d);
    const byField = errorsByField(r.ok ? [] : r.errors, d, en);
    expect(byField['stage.altseasonMin']).toEqual(['alt-rotation min must be below the altseason min']);
    expect(byField['stage.altRotationMin']).toEqual(['alt-rotation min must be below the altseason min']);
  });

  it('empty or malformed numbers say "must be a number"; decimals in whole-number fields are refused', () => {
    let d = withNumber(toDraft(d0), 'russell.smaDays', '');
    d = withNumber(d, 'dominance.zones.2', 'x');
    d = withNumber(d, 'hysteresis.confirmDays', '1.5');
    const r = checkDraft(d0, d);
    const byField = errorsByField(r.ok ? [] : r.errors, d, en);
    expect(byField['russell.smaDays']).toEqual(['must be a number']);
    expect(byField['dominance.zones.2']).toEqual(['must be a number between 0 and 100']);
    expect(byField['hysteresis.confirmDays']).toEqual(['must be a whole number']);
  });

  it("presets fill their values; editing back to a preset's values selects it again", () => {
    const d = withPreset(toDraft(d0), 'top100-90d');
    expect([d.num['asi.topN'], d.num['asi.windowDays']]).toEqual(['100', '90']);
    const r = checkDraft(d0, d);
    expect(r.ok && [r.settings.asi.preset, r.settings.asi.topN]).toEqual(['top100-90d', 100]);
    expect(withNumber(withNumber(d, 'asi.topN', '60'), 'asi.topN', '50').preset).toBe('top50-90d');
    expect(withPreset(d, 'custom').num['asi.topN']).toBe('100');
  });

  it('list errors name the offending item and sit on the list field', () => {
    const d = toDraft(d0);
    d.lists['asi.excludeSymbols'] = 'usdt, ok, b@d';
    d.lists['alerts.asiLevels'] = '20, 150, x';
    const r = checkDraft(d0, d);
    const byField = errorsByField(r.ok ? [] : r.errors, d, en);
    expect(byField['asi.excludeSymbols']).toEqual(['“b@d”: must be an upper-case ticker (A-Z, 0-9, . _ -)']);
    expect(byField['alerts.asiLevels']).toEqual([
      '“150”: must be a whole number from 1 to 99',
      '“x”: must be a whole number from 1 to 99',
    ]);
    expect(fieldOf('asi.excludeSymbols.3')).toBe('asi.excludeSymbols');
    expect(fieldOf('dominance.zones.1')).toBe('dominance.zones.1');
  });

  it('lower-case symbols are accepted and stored upper case; categories lower case', () => {
    const d = toDraft(d0);
    d.lists['asi.excludeSymbols'] = 'usdt usdc';
    d.lists['asi.excludeCategories'] = 'Stablecoins';
    const r = checkDraft(d0, d);
    expect(r.ok && r.settings.asi.excludeSymbols).toEqual(['USDT', 'USDC']);
    expect(r.ok && r.settings.asi.excludeCategories).toEqual(['stablecoins']);
  });

  it('the patch never carries the snooze (its buttons save it at once)', () => {
    const s = structuredClone(d0);
    s.alerts.snoozeUntil = 999;
    expect((toPatch(toDraft(s)).alerts as Record<string, unknown>).snoozeUntil).toBeUndefined();
    const r = checkDraft(s, toDraft(s));
    expect(r.ok && r.settings.alerts.snoozeUntil).toBe(999);
  });

  it('every partner path is a field of the form', () => {
    const fields = new Set([...NUM_FIELDS.map((f) => f.path), 'asi.preset']);
    for (const [k, v] of Object.entries(PARTNERS)) {
      expect(fields.has(k), k).toBe(true);
      for (const p of v) expect(fields.has(p), p).toBe(true);
    }
  });
});

describe('validation messages are translated', () => {
  /** Inputs that break every rule of validateSettings at least once. */
  function everyMessage(): string[] {
    const messages = new Set<string>();
    const add = (patch: unknown) => {
      const r = mergeSettings(d0, patch);
      if (!r.ok) r.errors.forEach((e) => messages.add(e.message));
    };
    add({ asi: { windowDays: 5 } });
    add({ asi: { windowDays: 1.5 } });
    add({ asi: { windowDays: 'x' } });
    add({ dominance: { zones: [1, 2, 3, 200] } });
    add({ dominance: { zones: [60, 55, 59, 63] } });
    add({ dominance: { zones: [1, 2] } });
    add({ version: 3 });
    add({ sites: { okx: 'yes' } });
    add({ alerts: { stageChange: 1 } });
    add({ alerts: { asiLevels: [0] } });
    add({ alerts: { asiLevels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } });
    add({ asi: { preset: 'nope' } });
    add({ asi: { excludeSymbols: ['a b'] } });
    add({ asi: { excludeCategories: ['A B'] } });
    add({ stage: { btcSeasonMax: 60 } });
    add({ stage: { altseasonMin: 40 } });
    add({ fearGreed: { fear: 10 } });
    add({ fearGreed: { neutral: 40 } });
    add({ fearGreed: { greed: 50 } });
    add({ russell: { spilloverToDays: 60 } });
    add({ dominance: { macdSlow: 10 } });
    add({ dominance: { changeLongDays: 20 } });
    add({ ethbtc: { smaLong: 40 } });
    add({ hysteresis: { marginPoints: 24 } });
    add({ asi: { preset: 'top50-90d', topN: 60, windowDays: 90 } });
    add({ nope: 1 });
    add({ asi: { excludeSymbols: 'USDT' } });
    add({ asi: { excludeSymbols: new Array(1001).fill('A') } });
    add({ russell: 5 });
    const missing = structuredClone(d0) as unknown as Record<string, unknown>;
    delete missing.badge;
    const v = validateSettings(missing);
    if (!v.ok) v.errors.forEach((e) => messages.add(e.message));
    const notObject = validateSettings(null);
    if (!notObject.ok) notObject.errors.forEach((e) => messages.add(e.message));
    return [...messages];
  }

  it('every message the validator produces has a Chinese translation', () => {
    const all = everyMessage();
    expect(all.length).toBeGreaterThanOrEqual(28);
    for (const m of all) {
      const out = translateError(m, zh);
      expect(out, m).not.toBe(m);
      expect(out, m).not.toMatch(/^options_err_/);
      expect(translateError(m, en), m).not.toMatch(/^options_err_/);
    }
  });

  it('English translations read like the validator; unknown messages pass through', () => {
    expect(translateError('must be between 15 and 1440', en)).toBe('must be between 15 and 1440');
    expect(translateError('preset Top 50 / 90 d needs top 50 and 90 days; choose custom to change them', zh)).toBe(
      '预设 Top 50 / 90 d 需要前 50 与 90 天；如需修改请选择“自定义”',
    );
    expect(translateError('a brand new rule', zh)).toBe('a brand new rule');
    expect(
      importErrorLines(
        [
          { path: '', message: 'settings must be a JSON object' },
          { path: 'asi.topN', message: 'is missing' },
        ],
        en,
      ),
    ).toEqual(['The settings must be a JSON object.', 'asi.topN: is missing']);
  });
});
