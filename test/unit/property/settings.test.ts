/**
 * Property tests over settings validation and import (lib/settings/validate.ts, and the options page's
 * import path: JSON.parse → mergeSettings over the defaults → importErrorLines; and its form model):
 *  - validation and import never throw, whatever the input, and every error has a path and a message;
 *  - NaN, infinities, non-numbers, negatives and inverted thresholds are never accepted;
 *  - whatever is accepted is sane (finite, in range, ordered);
 *  - valid settings round-trip unchanged through export (the JSON file) and import, and through the form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, importErrorLines, toDraft } from '../../../components/options/model';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { defaultSettings, SITE_IDS, type Settings } from '../../../lib/settings/defaults';
import { mergeSettings, validateSettings, type SettingsResult } from '../../../lib/settings/validate';
import { drifted, RUNS, XSS } from './hostile';

const locales = loadLocales();
const t = { en: translateFrom(locales.en!), zh: translateFrom(locales.zh_CN!) };

// ---------- valid settings ----------

const noNegZero = (x: number) => (Object.is(x, -0) ? 0 : x);
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(noNegZero);
const int = (min: number, max: number) => fc.integer({ min, max });
/** A percentage as typed: hundredths (0.01 steps), so differences never underflow. */
const pct = fc.integer({ min: 0, max: 10_000 }).map((x) => x / 100);
const win = int(7, 5000);
const tol = int(0, 30);
/** `n` strictly ascending values drawn by `arb`. */
const ascending = (arb: fc.Arbitrary<number>, n: number) =>
  fc.uniqueArray(arb, { minLength: n, maxLength: n }).map((a) => [...a].sort((x, y) => x - y));
const symbol = fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{0,19}$/);
const category = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/);

const validSettings: fc.Arbitrary<Settings> = fc
  .record({
    russell: fc.record({
      referenceHigh: num(0.01, 1e7),
      breakoutBaseDays: win,
      nearAthPct: num(0, 50),
      breakoutRecentDays: win,
      spillover: ascending(win, 2),
      smaDays: win,
    }),
    asi: fc.record({
      preset: fc.constantFrom('top50-90d' as const, 'top100-90d' as const, 'custom' as const),
      topN: int(1, 1000),
      windowDays: win,
      toleranceDays: tol,
      minCoveragePct: num(0, 100),
      excludeSymbols: fc.array(symbol, { maxLength: 30 }),
      excludeCategories: fc.array(category, { maxLength: 10 }),
    }),
    dominance: fc.record({
      zones: ascending(pct, 4),
      trendPoints: num(0, 50),
      change: ascending(win, 2),
      toleranceDays: tol,
      macdFast: int(2, 60),
      macdSlowOver: int(1, 60),
      macdSignal: int(2, 60),
      bearishCrossMonths: int(1, 60),
      wedgeWeeks: int(4, 260),
    }),
    ethbtc: fc.record({ changeDays: win, sma: ascending(win, 2), toleranceDays: tol }),
    total3: fc.record({ changeDays: win, toleranceDays: tol }),
    etfFlows: fc.record({ sessions: ascending(int(1, 60), 2), inSetup: fc.boolean() }),
    fearGreed: ascending(pct, 4),
    stage: fc.record({
      seasons: ascending(pct, 3),
      ethRotationEthBtcPct: num(0, 100),
      ethRotationDominancePts: num(-100, 0),
      lateCycleGreed: num(0, 100),
      lateCycleDominance: num(0, 100),
      fearWashout: num(0, 100),
    }),
    marginShare: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map(noNegZero),
    confirmDays: int(1, 30),
    holdDays: int(0, 60),
    staleness: fc.record({
      cryptoMaxAgeDays: int(1, 30),
      russellMaxAgeDays: int(1, 30),
      etfFlowsMaxAgeDays: int(1, 30),
    }),
    intervalMinutes: int(15, 1440),
    sites: fc.record(
      Object.fromEntries(SITE_IDS.map((id) => [id, fc.boolean()])) as Record<
        (typeof SITE_IDS)[number],
        fc.Arbitrary<boolean>
      >,
    ),
    opacity: num(0.3, 1),
    alerts: fc.record({
      stageChange: fc.boolean(),
      russellBreakout: fc.boolean(),
      weeklyConfirmation: fc.boolean(),
      asiLevels: fc.array(int(1, 99), { maxLength: 10 }),
      dominanceZone: fc.boolean(),
      setupOn: fc.boolean(),
      fearWashout: fc.boolean(),
      windowOpens: fc.boolean(),
      windowCloses: fc.boolean(),
      etfRotation: fc.boolean(),
      quietHours: fc.boolean(),
      quietFrom: int(0, 23),
      quietTo: int(0, 23),
      snoozeUntil: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8.64e15 })),
    }),
  })
  .map((g): Settings => {
    const [btcSeasonMax, altRotationMin, altseasonMin] = g.stage.seasons as [number, number, number];
    const preset = g.asi.preset;
    const fixed =
      preset === 'top50-90d'
        ? { topN: 50, windowDays: 90 }
        : preset === 'top100-90d'
          ? { topN: 100, windowDays: 90 }
          : { topN: g.asi.topN, windowDays: g.asi.windowDays };
    const [extremeFear, fear, neutral, greed] = g.fearGreed as [number, number, number, number];
    return {
      version: 4,
      russell: {
        referenceHigh: g.russell.referenceHigh,
        breakoutBaseDays: g.russell.breakoutBaseDays,
        nearAthPct: g.russell.nearAthPct,
        breakoutRecentDays: g.russell.breakoutRecentDays,
        spilloverFromDays: g.russell.spillover[0]!,
        spilloverToDays: g.russell.spillover[1]!,
        smaDays: g.russell.smaDays,
      },
      asi: {
        preset,
        ...fixed,
        toleranceDays: g.asi.toleranceDays,
        minCoveragePct: g.asi.minCoveragePct,
        excludeSymbols: g.asi.excludeSymbols,
        excludeCategories: g.asi.excludeCategories,
      },
      dominance: {
        zones: g.dominance.zones as [number, number, number, number],
        trendPoints: g.dominance.trendPoints,
        changeDays: g.dominance.change[0]!,
        changeLongDays: g.dominance.change[1]!,
        toleranceDays: g.dominance.toleranceDays,
        macdFast: g.dominance.macdFast,
        macdSlow: g.dominance.macdFast + g.dominance.macdSlowOver,
        macdSignal: g.dominance.macdSignal,
        bearishCrossMonths: g.dominance.bearishCrossMonths,
        wedgeWeeks: g.dominance.wedgeWeeks,
      },
      ethbtc: {
        changeDays: g.ethbtc.changeDays,
        smaShort: g.ethbtc.sma[0]!,
        smaLong: g.ethbtc.sma[1]!,
        toleranceDays: g.ethbtc.toleranceDays,
      },
      total3: g.total3,
      etfFlows: {
        shortSessions: g.etfFlows.sessions[0]!,
        longSessions: g.etfFlows.sessions[1]!,
        inSetup: g.etfFlows.inSetup,
      },
      fearGreed: { extremeFear, fear, neutral, greed },
      stage: {
        btcSeasonMax,
        altRotationMin,
        altseasonMin,
        ethRotationEthBtcPct: g.stage.ethRotationEthBtcPct,
        ethRotationDominancePts: g.stage.ethRotationDominancePts,
        lateCycleGreed: g.stage.lateCycleGreed,
        lateCycleDominance: g.stage.lateCycleDominance,
        fearWashout: g.stage.fearWashout,
      },
      hysteresis: {
        confirmDays: g.confirmDays,
        marginPoints: Math.min(25, (altseasonMin - btcSeasonMax) / 2) * g.marginShare,
        holdDays: g.holdDays,
      },
      staleness: g.staleness,
      refresh: { intervalMinutes: g.intervalMinutes },
      sites: g.sites,
      badge: { opacity: g.opacity },
      alerts: g.alerts,
    };
  });

// ---------- helpers ----------

/** Every numeric leaf of the settings, as a dotted path (zones as dominance.zones.0 …). */
const NUMERIC_PATHS: string[] = [];
(function walk(o: unknown, p: string) {
  if (typeof o === 'number') NUMERIC_PATHS.push(p);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
})(defaultSettings(), '');
const SETTING_PATHS = NUMERIC_PATHS.filter((p) => p !== 'version');
/** The only setting whose domain is negative (a fall in dominance, in points). */
const MAY_BE_NEGATIVE = new Set(['stage.ethRotationDominancePts']);
/** Pairs that must stay strictly ascending. */
const ORDERED: [string, string][] = [
  ['stage.btcSeasonMax', 'stage.altRotationMin'],
  ['stage.altRotationMin', 'stage.altseasonMin'],
  ['fearGreed.extremeFear', 'fearGreed.fear'],
  ['fearGreed.fear', 'fearGreed.neutral'],
  ['fearGreed.neutral', 'fearGreed.greed'],
  ['dominance.zones.0', 'dominance.zones.1'],
  ['dominance.zones.1', 'dominance.zones.2'],
  ['dominance.zones.2', 'dominance.zones.3'],
  ['russell.spilloverFromDays', 'russell.spilloverToDays'],
  ['dominance.macdFast', 'dominance.macdSlow'],
  ['dominance.changeDays', 'dominance.changeLongDays'],
  ['ethbtc.smaShort', 'ethbtc.smaLong'],
];

function getPath(o: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (x, k) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined),
      o,
    );
}
function setPath<T>(o: T, path: string, v: unknown): T {
  const keys = path.split('.');
  const parent = getPath(o, keys.slice(0, -1).join('.')) as Record<string, unknown>;
  parent[keys.at(-1)!] = v;
  return o;
}

function safely(f: () => SettingsResult): SettingsResult {
  let r: SettingsResult;
  try {
    r = f();
  } catch (err) {
    throw new Error(`settings validation threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(typeof e.path).toBe('string');
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
    // the import shows them as lines, in every language, without throwing
    for (const tr of [t.en, t.zh])
      for (const line of importErrorLines(r.errors, tr)) expect(typeof line).toBe('string');
  }
  return r;
}

/** What accepted settings always satisfy. */
function expectSane(s: Settings) {
  for (const p of SETTING_PATHS) {
    const v = getPath(s, p);
    expect([p, typeof v]).toEqual([p, 'number']);
    expect([p, Number.isFinite(v)]).toEqual([p, true]);
    if (!MAY_BE_NEGATIVE.has(p)) expect([p, (v as number) >= 0]).toEqual([p, true]);
  }
  for (const [lo, hi] of ORDERED)
    expect([lo, hi, (getPath(s, lo) as number) < (getPath(s, hi) as number)]).toEqual([lo, hi, true]);
  expect(s.hysteresis.marginPoints).toBeLessThan((s.stage.altseasonMin - s.stage.btcSeasonMax) / 2);
  expect(s.badge.opacity).toBeGreaterThanOrEqual(0.3);
  expect(s.refresh.intervalMinutes).toBeGreaterThanOrEqual(15);
  for (const l of s.alerts.asiLevels) expect(Number.isInteger(l) && l >= 1 && l <= 99).toBe(true);
  for (const on of Object.values(s.sites)) expect(typeof on).toBe('boolean');
}

// ---------- properties ----------

describe('settings validation and import under hostile input', { timeout: 60_000 }, () => {
  it('every generated valid settings object is accepted (the generator is right)', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        expect(safely(() => validateSettings(s))).toEqual({ ok: true, settings: s });
      }),
      RUNS,
    );
  });

  it('valid settings round-trip unchanged through export (the JSON file) and import', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        const file = JSON.stringify(s, null, 2); // what the Export button downloads
        const imported = safely(() => mergeSettings(defaultSettings(), JSON.parse(file)));
        expect(imported).toEqual({ ok: true, settings: s });
      }),
      RUNS,
    );
  });

  it('valid settings round-trip unchanged through the options form (draft → patch → validation)', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        expect(checkDraft(s, toDraft(s))).toEqual({ ok: true, settings: s });
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary input; an import of arbitrary JSON text is rejected or sane', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.string()), (x) => {
        const v = safely(() => validateSettings(x));
        if (v.ok) expectSane(v.settings);
        const m = safely(() => mergeSettings(defaultSettings(), x));
        if (m.ok) expectSane(m.settings);
        // the import path: text → JSON.parse (a parse error is its own message) → merge over the defaults
        const text = typeof x === 'string' ? x : (JSON.stringify(x) ?? '');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return;
        }
        const r = safely(() => mergeSettings(defaultSettings(), parsed));
        if (r.ok) expectSane(r.settings);
      }),
      RUNS,
    );
  });

  it('shape drift and hostile values anywhere in a valid file: rejected with a field path, or sane', () => {
    let ok = 0;
    fc.assert(
      fc.property(
        validSettings.chain((s) => drifted(() => structuredClone(s))),
        (x) => {
          const v = safely(() => validateSettings(x));
          if (v.ok) {
            ok++;
            expectSane(v.settings);
          }
          const m = safely(() => mergeSettings(defaultSettings(), x));
          if (m.ok) expectSane(m.settings);
        },
      ),
      RUNS,
    );
    expect(ok).toBeGreaterThan(0);
  });

  it('NaN, infinities and non-numbers in any numeric setting are rejected at that field', () => {
    const bad = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 'NaN', '5', '', null, true, {}, [], [5], XSS);
    fc.assert(
      fc.property(validSettings, fc.constantFrom(...SETTING_PATHS), bad, (s, path, value) => {
        const r = safely(() => validateSettings(setPath(structuredClone(s), path, value)));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path);
        // the same value typed into an import file (JSON turns NaN and ±Infinity into null)
        const imported = safely(() =>
          mergeSettings(defaultSettings(), JSON.parse(JSON.stringify(setPath(structuredClone(s), path, value)))),
        );
        expect(imported.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('negative values are rejected in every setting whose domain is not negative', () => {
    const negative = fc.oneof(
      fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ max: -1 }),
    );
    fc.assert(
      fc.property(
        validSettings,
        fc.constantFrom(...SETTING_PATHS.filter((p) => !MAY_BE_NEGATIVE.has(p))),
        negative,
        (s, path, value) => {
          const r = safely(() => validateSettings(setPath(structuredClone(s), path, value)));
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path);
          const m = safely(() => mergeSettings(s, nested(path, value)));
          expect(m.ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('inverted or equal thresholds are rejected (every ordered pair)', () => {
    fc.assert(
      fc.property(validSettings, fc.constantFrom(...ORDERED), fc.boolean(), (s, [lo, hi], swap) => {
        const x = structuredClone(s);
        const a = getPath(x, lo);
        const b = getPath(x, hi);
        if (swap) setPath(setPath(x, lo, b), hi, a);
        else setPath(x, lo, b);
        expect(safely(() => validateSettings(x)).ok).toBe(false);
        expect(safely(() => mergeSettings(defaultSettings(), JSON.parse(JSON.stringify(x)))).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('keys that only exist on Object.prototype are unknown settings, not accepted', () => {
    fc.assert(
      fc.property(
        validSettings,
        fc.constantFrom(
          'toString',
          'valueOf',
          'hasOwnProperty',
          'constructor',
          'isPrototypeOf',
          '__proto__',
          '__defineGetter__',
        ),
        fc.constantFrom('', 'russell.', 'asi.', 'alerts.', 'sites.'),
        fc.jsonValue(),
        (s, key, at, value) => {
          // JSON.parse makes "__proto__" an own key, as an imported file would
          const text = JSON.stringify(s).replace(
            at === '' ? /^\{/ : new RegExp(`"${at.slice(0, -1)}":\\{`),
            (m) => `${m}${JSON.stringify(key)}:${JSON.stringify(value ?? null)},`,
          );
          const parsed = JSON.parse(text);
          const v = safely(() => validateSettings(parsed));
          expect(v.ok).toBe(false);
          if (!v.ok) expect(v.errors.map((e) => e.path)).toContain(`${at}${key}`);
          const m = safely(() => mergeSettings(defaultSettings(), parsed));
          // the merge drops __proto__ and constructor (no prototype pollution); anything else is refused
          if (key === '__proto__' || key === 'constructor') expect(m).toEqual({ ok: true, settings: s });
          else expect(m.ok).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

/** `{ a: { b: value } }` for the path `a.b`. */
function nested(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  if (keys[0] === 'dominance' && keys[1] === 'zones')
    return { dominance: { zones: [0, 1, 2, 3].map((i) => (String(i) === keys[2] ? value : 50 + i)) } };
  return keys.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value) as Record<string, unknown>;
}
