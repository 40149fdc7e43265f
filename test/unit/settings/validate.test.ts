import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';
import { mergeSettings, validateSettings } from '../../../lib/settings/validate';

const with_ = (mutate: (s: Settings) => void) => {
  const s = defaultSettings();
  mutate(s);
  return validateSettings(s);
};
const paths = (r: ReturnType<typeof validateSettings>) => (r.ok ? [] : r.errors.map((e) => e.path));

describe('settings validation', () => {
  it('accepts the defaults', () => {
    expect(validateSettings(defaultSettings())).toEqual({ ok: true, settings: defaultSettings() });
  });

  it('rejects NaN, infinities and non-numbers with the field path', () => {
    expect(paths(with_((s) => (s.asi.windowDays = NaN)))).toEqual(['asi.windowDays']);
    expect(paths(with_((s) => (s.stage.altseasonMin = Infinity)))).toEqual(['stage.altseasonMin']);
    expect(paths(with_((s) => ((s.fearGreed as Record<string, unknown>).greed = '75')))).toEqual(['fearGreed.greed']);
  });

  it('rejects negatives and values outside 0..100 for thresholds', () => {
    expect(paths(with_((s) => (s.stage.btcSeasonMax = -1)))).toEqual(['stage.btcSeasonMax']);
    expect(paths(with_((s) => (s.stage.altseasonMin = 101)))).toEqual(['stage.altseasonMin']);
    expect(paths(with_((s) => (s.dominance.zones[3] = 120)))).toEqual(['dominance.zones.3']);
    expect(paths(with_((s) => (s.russell.referenceHigh = -2442.74)))).toEqual(['russell.referenceHigh']);
  });

  it('rejects inverted thresholds', () => {
    const r = with_((s) => {
      s.stage.btcSeasonMax = 60;
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toContainEqual({
        path: 'stage.btcSeasonMax',
        message: 'Bitcoin season max must be below the alt-rotation min',
      });
    expect(paths(with_((s) => (s.stage.altRotationMin = 80)))).toEqual(['stage.altRotationMin']);
    expect(paths(with_((s) => (s.fearGreed.fear = 20)))).toEqual(['fearGreed.fear']);
    expect(paths(with_((s) => (s.dominance.zones = [50, 59, 55, 63])))).toEqual(['dominance.zones.2']);
    expect(paths(with_((s) => (s.russell.spilloverToDays = 60)))).toEqual(['russell.spilloverToDays']);
  });

  it('rejects windows under 7 days and fractional day counts', () => {
    expect(paths(with_((s) => (s.asi.windowDays = 6)))).toEqual(['asi.windowDays']);
    expect(paths(with_((s) => (s.russell.smaDays = 3)))).toEqual(['russell.smaDays']);
    expect(paths(with_((s) => (s.ethbtc.changeDays = 6)))).toEqual(['ethbtc.changeDays']);
    expect(paths(with_((s) => (s.asi.windowDays = 30.5)))).toEqual(['asi.windowDays']);
    expect(with_((s) => ((s.asi.windowDays = 7), (s.asi.preset = 'custom'))).ok).toBe(true);
  });

  it('rejects a refresh interval under 15 minutes', () => {
    expect(paths(with_((s) => (s.refresh.intervalMinutes = 14)))).toEqual(['refresh.intervalMinutes']);
    expect(with_((s) => (s.refresh.intervalMinutes = 15)).ok).toBe(true);
  });

  it('rejects unknown and missing keys, and non-objects', () => {
    const extra = { ...defaultSettings(), asi: { ...defaultSettings().asi, windowDay: 90 } };
    expect(paths(validateSettings(extra))).toEqual(['asi.windowDay']);
    const { hysteresis: _, ...missing } = defaultSettings();
    expect(paths(validateSettings(missing))).toEqual(['hysteresis']);
    expect(paths(validateSettings(null))).toEqual(['']);
    expect(paths(validateSettings([]))).toEqual(['']);
  });

  it('keeps presets consistent with top N and the window', () => {
    expect(paths(with_((s) => (s.asi.topN = 80)))).toEqual(['asi.preset']);
    expect(with_((s) => ((s.asi.topN = 80), (s.asi.preset = 'custom'))).ok).toBe(true);
    expect(with_((s) => ((s.asi.topN = 100), (s.asi.preset = 'top100-90d'))).ok).toBe(true);
  });

  it('checks exclusion list entries', () => {
    expect(paths(with_((s) => s.asi.excludeSymbols.push('<img src=x>')))).toEqual([
      `asi.excludeSymbols.${defaultSettings().asi.excludeSymbols.length}`,
    ]);
  });
});

describe('mergeSettings (CLI files, imports)', () => {
  it('merges a partial object over the base and validates the whole', () => {
    const r = mergeSettings(defaultSettings(), { stage: { altseasonMin: 80 } });
    expect(r.ok && r.settings.stage.altseasonMin).toBe(80);
    expect(r.ok && r.settings.stage.btcSeasonMax).toBe(25);
    const bad = mergeSettings(defaultSettings(), { stage: { altseasonMin: 40 } });
    expect(paths(bad)).toEqual(['stage.altRotationMin']);
  });

  it('a preset fills its values; top N alone switches to custom or the matching preset', () => {
    const p = mergeSettings(defaultSettings(), { asi: { preset: 'top100-90d' } });
    expect(p.ok && [p.settings.asi.topN, p.settings.asi.windowDays]).toEqual([100, 90]);
    const c = mergeSettings(defaultSettings(), { asi: { topN: 30 } });
    expect(c.ok && c.settings.asi.preset).toBe('custom');
    const m = mergeSettings(defaultSettings(), { asi: { topN: 100 } });
    expect(m.ok && m.settings.asi.preset).toBe('top100-90d');
  });

  it('upper-cases edited exclusion symbols and ignores prototype keys', () => {
    const r = mergeSettings(
      defaultSettings(),
      JSON.parse('{"asi":{"excludeSymbols":[" usdt ","dai"]},"__proto__":{"polluted":1}}'),
    );
    expect(r.ok && r.settings.asi.excludeSymbols).toEqual(['USDT', 'DAI']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not change the base object', () => {
    const base = defaultSettings();
    mergeSettings(base, { stage: { altseasonMin: 80 } });
    expect(base.stage.altseasonMin).toBe(75);
  });
});
