/**
 * The worker writes the badge view (lib/platform/badge-view.ts): on wake (no data yet: "No data"), after the
 * snapshot or the stage history changed (what a refresh writes), and on a settings change (a site switched off
 * reaches open pages without a request). Real data through the API emulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildBadgeView, splitBadgeView, type BadgePill } from '../../../lib/badge/view';
import {
  badgePanelItem,
  badgeViewItem,
  settingsItem,
  snapshotItem,
  stageHistoryItem,
} from '../../../lib/platform/items';
import { createWorker } from '../../../lib/platform/worker';
import { defaultSettings } from '../../../lib/settings/defaults';
import { startEmulator, type Emulator } from '../../support/emulator';
import { recordingShell } from '../../support/shell';

const T0 = Date.parse('2026-03-19T12:00:00Z');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  fakeBrowser.reset();
  emu.resetLog();
  emu.setNow(T0);
});

function setup() {
  const { shell } = recordingShell();
  return createWorker({ fetch: emu.fetch, now: () => emu.now, random: () => 0.5, log: () => {}, shell });
}

describe('the worker’s badge view', { timeout: 60_000 }, () => {
  it('on wake without data: a "No data" view; after a refresh: the snapshot’s stage, ASI and strip', async () => {
    const w = setup();
    await w.onWake();
    const empty = (await badgeViewItem.getValue()) as BadgePill;
    expect(empty).toMatchObject({ stage: 'unknown', computedAt: null, strip: [] });
    await w.refresh('test');
    // What the entrypoint's storage watchers call when the snapshot and the history were written.
    await w.onViewInputChanged();
    const snap = (await snapshotItem.getValue())!;
    const history = (await stageHistoryItem.getValue())!;
    const v = (await badgeViewItem.getValue()) as BadgePill;
    expect(v).toMatchObject({ stage: snap.evaluation.phase.stage, computedAt: snap.computedAt });
    expect(v.asi.text).toBe(String(snap.evaluation.asi!.value));
    expect(v.strip).toEqual(history.days.slice(-30).map((d) => d.stage));
    expect(v.stripFrom).toBe(history.days.at(-30)!.date);
  });

  it('stores the view in two parts, in one storage call: the pill read at page load, the panel read on opening', async () => {
    const w = setup();
    await w.refresh('test');
    const sets: Record<string, unknown>[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = async (items: Record<string, unknown>) => (sets.push(items), set(items));
    await w.onViewInputChanged();
    const both = sets.filter((x) => 'badgeView' in x || 'badgePanel' in x);
    expect(both.map((x) => Object.keys(x).sort())).toEqual([['badgePanel', 'badgeView']]);
    const pill = (await badgeViewItem.getValue())!;
    const part = (await badgePanelItem.getValue())!;
    // The pill carries nothing of the panel's; the two make the view the worker built, of the same build.
    expect(Object.keys(pill)).not.toContain('panel');
    expect(Object.keys(pill)).not.toContain('coins');
    expect(part.builtAt).toBe(pill.builtAt);
    expect(part.panel.lines.map((l) => l.id)).toEqual(['russell', 'asi', 'dominance']);
    expect(Object.keys(part.coins.ranked).length).toBeGreaterThan(10);
    // Four fifths of the bytes are the panel's: they are not read on every page load.
    const size = (x: unknown) => JSON.stringify(x).length;
    expect(size(part)).toBeGreaterThan(3 * size(pill));
    // splitBadgeView loses nothing: the parts put together are the whole view.
    const whole = buildBadgeView({ snapshot: null, history: null, settings: null, t: (k) => k, now: 0 });
    const { pill: p2, part: q2 } = splitBadgeView(whole);
    expect({ ...p2, ...q2 }).toEqual(whole);
  });

  it('a settings change (a site switched off) reaches the view without a request', async () => {
    const w = setup();
    await w.refresh('test');
    emu.resetLog();
    const s = defaultSettings();
    await settingsItem.setValue({ ...s, sites: { ...s.sites, bybit: false } });
    await w.onSettingsChanged();
    expect(((await badgeViewItem.getValue()) as BadgePill).off).toEqual(['bybit']);
    expect(emu.requests).toHaveLength(0);
  });
});
