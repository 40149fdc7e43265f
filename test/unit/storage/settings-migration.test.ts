import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from '../../../lib/storage/items';
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
    expect(migrated.version).toBe(2);
    expect(migrated.stage.altseasonMin).toBe(80);
    expect(migrated.sites.tradingview).toBe(true);
    expect(migrated.alerts.stageChange).toBe(true);
    expect(validateSettings(migrated).ok).toBe(true);
    expect((await fakeBrowser.storage.sync.get('settings$'))['settings$']).toEqual({ v: 2 });
  });

  it('a current-version value is left alone', async () => {
    const v2 = { ...defaultSettings(), refresh: { intervalMinutes: 30 } };
    await fakeBrowser.storage.sync.set({ settings: v2, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual(v2);
  });

  it('the v2 migration turns garbage into defaults instead of crashing', () => {
    expect(SETTINGS_MIGRATIONS[2]!(null)).toEqual(defaultSettings());
    expect(validateSettings(SETTINGS_MIGRATIONS[2]!(v1Settings())).ok).toBe(true);
  });

  it('without a stored value the defaults are read', async () => {
    expect(await settingsItem.getValue()).toEqual(defaultSettings());
  });
});
