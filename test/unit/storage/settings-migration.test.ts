import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from '../../../lib/platform/items';
import { defaultSettings } from '../../../lib/settings/defaults';
import { SETTINGS_MIGRATIONS } from '../../../lib/settings/migrations';
import { validateSettings } from '../../../lib/settings/validate';

/** What version 1 stored: thresholds only (before sites, badge and alerts existed). */
function v1Settings() {
  const { sites: _s, badge: _b, alerts: _a, ...rest } = defaultSettings();
  return { ...rest, version: 1, stage: { ...rest.stage, altseasonMin: 80 } };
}

describe('settings storage migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('v1 → v2 keeps the user’s thresholds and adds sites, badge and alerts', async () => {
    await fakeBrowser.storage.sync.set({ settings: v1Settings(), settings$: { v: 1 } });
    await settingsItem.migrate();
    const migrated = await settingsItem.getValue();
    expect(migrated.version).toBe(4);
    expect(migrated.stage.altseasonMin).toBe(80);
    expect(migrated.sites.tradingview).toBe(true);
    expect(migrated.alerts.stageChange).toBe(true);
    expect(validateSettings(migrated).ok).toBe(true);
    expect((await fakeBrowser.storage.sync.get('settings$'))['settings$']).toEqual({ v: 4 });
  });

  it('v2 → v3 adds the 7-day hold; a confirmation left at the old default of 2 becomes 3, a chosen one is kept', async () => {
    const v2 = (confirmDays: number) => {
      const d = defaultSettings();
      const { holdDays: _h, ...h } = d.hysteresis;
      return { ...d, version: 2, hysteresis: { ...h, confirmDays }, stage: { ...d.stage, altseasonMin: 80 } };
    };
    await fakeBrowser.storage.sync.set({ settings: v2(2), settings$: { v: 2 } });
    await settingsItem.migrate();
    const a = await settingsItem.getValue();
    expect(a.hysteresis).toEqual({ confirmDays: 3, marginPoints: 3, holdDays: 7 });
    expect(a.stage.altseasonMin).toBe(80);
    expect(validateSettings(a).ok).toBe(true);
    expect(SETTINGS_MIGRATIONS[3]!(v2(5)).hysteresis).toEqual({ confirmDays: 5, marginPoints: 3, holdDays: 7 });
    expect(SETTINGS_MIGRATIONS[3]!(null)).toEqual(defaultSettings());
  });

  it('v3 → v4 adds the ETF flows settings at their defaults and keeps everything else', async () => {
    const d = defaultSettings();
    const { etfFlows: _e, ...rest } = d;
    const { etfFlowsMaxAgeDays: _m, ...staleness } = d.staleness;
    const { etfRotation: _r, ...alerts } = d.alerts;
    const v3 = {
      ...rest,
      version: 3,
      staleness,
      alerts: { ...alerts, setupOn: true },
      refresh: { intervalMinutes: 30 },
    };
    // Without the migration the stored value fails validation and the user's settings would be lost.
    expect(validateSettings(v3).ok).toBe(false);
    await fakeBrowser.storage.sync.set({ settings: v3, settings$: { v: 3 } });
    await settingsItem.migrate();
    const a = await settingsItem.getValue();
    expect(a.version).toBe(4);
    expect(a.etfFlows).toEqual({ shortSessions: 5, longSessions: 20, inSetup: false });
    expect(a.staleness.etfFlowsMaxAgeDays).toBe(4);
    expect([a.alerts.etfRotation, a.alerts.setupOn, a.refresh.intervalMinutes]).toEqual([false, true, 30]);
    expect(validateSettings(a).ok).toBe(true);
    expect(SETTINGS_MIGRATIONS[4]!(null)).toEqual(defaultSettings());
  });

  it('a current-version value is left alone', async () => {
    const v4 = { ...defaultSettings(), refresh: { intervalMinutes: 30 } };
    await fakeBrowser.storage.sync.set({ settings: v4, settings$: { v: 4 } });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual(v4);
  });

  it('the v2 migration turns garbage into defaults instead of crashing', () => {
    const upTo4 = (x: unknown) => SETTINGS_MIGRATIONS[4]!(SETTINGS_MIGRATIONS[3]!(SETTINGS_MIGRATIONS[2]!(x)));
    expect(upTo4(null)).toEqual(defaultSettings());
    expect(validateSettings(upTo4(v1Settings())).ok).toBe(true);
  });

  it('without a stored value the defaults are read', async () => {
    expect(await settingsItem.getValue()).toEqual(defaultSettings());
  });
});
