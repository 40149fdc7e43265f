import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** Every key `storage.local.get` is asked for from now on. */
function recordGets(): string[] {
  const keys: string[] = [];
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (k?: unknown) => {
    keys.push(...(typeof k === 'string' ? [k] : Array.isArray(k) ? (k as string[]) : Object.keys((k as object) ?? {})));
    return get(k as never);
  });
  return keys;
}

describe('storage items (lib/platform/items.ts)', () => {
  it('importing them reads nothing: the popup reading its snapshot never waits behind the 780 KB series cache', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      snapshot: { version: 1 },
      seriesCache: { version: 1, macro: {}, coins: {} },
    });
    vi.resetModules();
    const gets = recordGets();
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
});
