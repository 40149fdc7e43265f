import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** Every key `storage.local.get` is asked for from now on (`calls`: one entry per call). */
function recordGets(): { keys: string[]; calls: string[][] } {
  const keys: string[] = [];
  const calls: string[][] = [];
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (k?: unknown) => {
    const asked = typeof k === 'string' ? [k] : Array.isArray(k) ? (k as string[]) : Object.keys((k as object) ?? {});
    keys.push(...asked);
    calls.push(asked);
    return get(k as never);
  });
  return { keys, calls };
}

describe('storage items (lib/platform/items.ts)', () => {
  it('importing them reads nothing: the popup reading its snapshot never waits behind the 780 KB series cache', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      snapshot: { version: 1 },
      seriesCache: { version: 1, macro: {}, coins: {} },
    });
    vi.resetModules();
    const gets = recordGets().keys;
    const items = await import('../../../lib/platform/items');
    await new Promise((r) => setTimeout(r, 20)); // WXT starts its per-item reads asynchronously
    expect(gets).toEqual([]);
    expect(await items.snapshotItem.getValue()).toEqual({ version: 1 });
    expect(gets).not.toContain('seriesCache');
    expect(gets).toContain('snapshot');
    vi.restoreAllMocks();
  });

  it('a lazily defined item still works with storage.setItems and storage.getItems', async () => {
    fakeBrowser.reset();
    const { storage } = await import('wxt/utils/storage');
    const { phaseLogItem, snapshotItem } = await import('../../../lib/platform/items');
    await storage.setItems([
      { item: phaseLogItem, value: [] },
      { item: snapshotItem, value: null },
    ]);
    expect(await storage.getItems([phaseLogItem, 'local:snapshot'])).toEqual([
      { key: 'local:phaseLog', value: [] },
      { key: 'local:snapshot', value: null },
    ]);
    expect('getValue' in phaseLogItem).toBe(true);
  });

  it('reads asked for in one task share one storage.get, each with its value or fallback (the popup first paint)', async () => {
    fakeBrowser.reset();
    const history = { v: 1, days: [{ day: '2025-09-19', stage: 'mixed' }] };
    await fakeBrowser.storage.local.set({ snapshot: { version: 9 }, stageHistory: history });
    vi.resetModules();
    const items = await import('../../../lib/platform/items');
    const gets = recordGets();
    const read = [items.snapshotItem, items.phaseLogItem, items.stageHistoryItem, items.badgeViewItem];
    const values = await Promise.all(read.map((i) => i.getValue()));
    // Without the batching, WXT defines each item (one read) and then reads it again: eight calls here.
    expect(gets.calls).toEqual([['snapshot', 'phaseLog', 'stageHistory', 'badgeView']]);
    expect(values).toEqual([{ version: 9 }, [], history, null]);
    // The same values as WXT's own items give.
    const { storage } = await import('wxt/utils/storage');
    const wxt = ['local:snapshot', 'local:phaseLog', 'local:stageHistory', 'local:badgeView'] as const;
    const fallbacks = [null, [], null, null];
    const own = await Promise.all(wxt.map((k, n) => storage.defineItem(k, { fallback: fallbacks[n] }).getValue()));
    expect(own).toEqual(values);
    vi.restoreAllMocks();
  });

  it('a watch needs no read, and gives the fallback when the value is removed', async () => {
    fakeBrowser.reset();
    vi.resetModules();
    const items = await import('../../../lib/platform/items');
    const gets = recordGets().keys;
    const seen: unknown[] = [];
    items.phaseLogItem.watch((v) => seen.push(v));
    await fakeBrowser.storage.local.set({ phaseLog: [{ stage: 'mixed' }] });
    await fakeBrowser.storage.local.remove('phaseLog');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([[{ stage: 'mixed' }], []]);
    expect(gets).toEqual([]);
    vi.restoreAllMocks();
  });

  it('settings at the current version: one storage.get with the version beside them; an older one is migrated', async () => {
    fakeBrowser.reset();
    vi.resetModules();
    const items = await import('../../../lib/platform/items');
    const { defaultSettings } = await import('../../../lib/settings/defaults');
    const { SETTINGS_VERSION } = await import('../../../lib/settings/schema');
    const calls: unknown[] = [];
    const get = fakeBrowser.storage.sync.get.bind(fakeBrowser.storage.sync);
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockImplementation(
      async (k?: unknown) => (calls.push(k), get(k as never)),
    );
    // Nothing stored: the defaults, and no version written by a read.
    expect(await items.settingsItem.getValue()).toEqual(defaultSettings());
    expect(calls).toEqual([['settings', 'settings$']]);
    const mine = { ...defaultSettings(), stage: { ...defaultSettings().stage, altseasonMin: 80 } };
    await fakeBrowser.storage.sync.set({ settings: mine, settings$: { v: SETTINGS_VERSION } });
    calls.length = 0;
    expect(await items.settingsItem.getValue()).toEqual(mine);
    expect(calls).toEqual([['settings', 'settings$']]);
    // Stored by version 3 (no ETF flows settings yet): read through WXT's item, its migrations run first.
    const { etfFlows: _e, ...v3 } = mine;
    await fakeBrowser.storage.sync.set({ settings: { ...v3, version: 3 }, settings$: { v: 3 } });
    const migrated = await items.settingsItem.getValue();
    expect(migrated.version).toBe(SETTINGS_VERSION);
    expect(migrated.etfFlows).toEqual(defaultSettings().etfFlows);
    expect(migrated.stage.altseasonMin).toBe(80);
    expect((await get('settings$'))['settings$']).toEqual({ v: SETTINGS_VERSION });
    vi.restoreAllMocks();
  });
});
