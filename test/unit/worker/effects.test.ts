/**
 * What the worker shows after it saves a snapshot (toolbar badge, alerts) and how a settings change
 * takes effect: today evaluated again from the caches, without a single request. Real data through
 * the API emulator (its newest complete day is 2026-03-18; the live pipeline reads ASI 40 there, stage
 * "eth-rotation": ETH/BTC up, dominance down).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STAGE_COLOR } from '../../../lib/badge/stage-style';
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';
import { alertStateItem, phaseLogItem, settingsItem, snapshotItem } from '../../../lib/platform/items';
import { createWorker } from '../../../lib/platform/worker';
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
  emu.clearFaults();
  emu.resetLog();
  emu.setNow(T0);
});

function setup() {
  const { shell, rec } = recordingShell();
  const logs: string[] = [];
  const w = createWorker({ fetch: emu.fetch, now: () => emu.now, random: () => 0.5, log: (m) => logs.push(m), shell });
  return { w, rec, logs };
}
/** Defaults with the alt-rotation threshold under today's ASI of 40. */
const lowAltRotation = (confirmDays: number, over: Partial<Settings['alerts']> = {}): Settings => {
  const d = defaultSettings();
  return {
    ...d,
    stage: { ...d.stage, altRotationMin: 36 },
    hysteresis: { ...d.hysteresis, confirmDays },
    alerts: { ...d.alerts, ...over },
  };
};
const BEFORE = 'eth-rotation';
const DAY = 86_400_000;
/** Two daily refreshes (2026-03-18 and -19), so today's hysteresis step has a confirmed stage before it. */
async function twoDays(w: ReturnType<typeof setup>['w']) {
  emu.setNow(T0 - DAY);
  await w.refresh('yesterday');
  emu.setNow(T0);
  await w.refresh('today');
}

describe('worker effects', { timeout: 30_000 }, () => {
  it('sets the toolbar badge after a refresh: the ASI, the stage colour, the summary; "?" without data', async () => {
    const { w, rec } = setup();
    await w.onWake();
    expect(rec.toolbar.at(-1)?.text).toBe('?');
    await w.refresh('test');
    const snap = (await snapshotItem.getValue())!;
    expect(snap.evaluation.asi?.value).toBe(40);
    expect(snap.evaluation.phase.stage).toBe(BEFORE);
    expect(rec.toolbar.at(-1)).toEqual({
      text: '40',
      color: STAGE_COLOR[BEFORE],
      title: expect.stringContaining('ETH & majors lead'),
    });
    // A restarted worker shows the same badge from storage, before any refresh.
    const again = setup();
    emu.resetLog();
    await again.w.onWake();
    expect(again.rec.toolbar).toEqual([rec.toolbar.at(-1)]);
    expect(emu.requests).toHaveLength(0);
  });

  it('a saved threshold re-evaluates today from the caches, without a request, and changes the stage', async () => {
    const { w, rec } = setup();
    await twoDays(w);
    emu.resetLog();
    await settingsItem.setValue(lowAltRotation(1));
    await w.onSettingsChanged();
    expect(emu.requests).toHaveLength(0);
    const snap = (await snapshotItem.getValue())!;
    expect(snap.evaluation.phase.rawStage).toBe('alt-rotation');
    expect(snap.evaluation.phase.stage).toBe('alt-rotation');
    expect(snap.computedAt).toBe(T0);
    expect(rec.toolbar.at(-1)?.color).toBe(STAGE_COLOR['alt-rotation']);
    const log = await phaseLogItem.getValue();
    expect(log.at(-1)).toMatchObject({ day: '2026-03-19', from: BEFORE, to: 'alt-rotation' });
    // Saved back: today's change is gone from the log (the day was evaluated again), and so is the stage.
    await settingsItem.setValue(defaultSettings());
    await w.onSettingsChanged();
    expect((await snapshotItem.getValue())!.evaluation.phase.stage).toBe(BEFORE);
    expect((await phaseLogItem.getValue()).map((e) => e.day)).toEqual(log.slice(0, -1).map((e) => e.day));
  });

  it('hourly refreshes on the day of a change log it once', async () => {
    const { w } = setup();
    await twoDays(w);
    await settingsItem.setValue(lowAltRotation(1));
    for (let h = 1; h <= 3; h++) {
      emu.setNow(T0 + h * 3_600_000);
      await w.refresh('alarm');
    }
    const log = await phaseLogItem.getValue();
    expect(log.filter((e) => e.to === 'alt-rotation')).toHaveLength(1);
    expect(new Set(log.map((e) => e.day)).size).toBe(log.length);
  });

  it('with two confirmation days, a re-evaluation shows "confirming 1/2" and never advances it by repeating', async () => {
    const { w } = setup();
    await twoDays(w);
    await settingsItem.setValue(lowAltRotation(2));
    for (let i = 0; i < 3; i++) await w.onSettingsChanged();
    const p = (await snapshotItem.getValue())!.evaluation.phase;
    expect([p.rawStage, p.stage, p.confirming]).toEqual([
      'alt-rotation',
      BEFORE,
      { stage: 'alt-rotation', count: 1, of: 2 },
    ]);
  });

  it('a stage change raises exactly one notification, however often the same day is evaluated', async () => {
    const { w, rec } = setup();
    await twoDays(w);
    expect(rec.notified).toEqual([]); // the first snapshot only arms the alerts
    await settingsItem.setValue(lowAltRotation(1));
    await w.onSettingsChanged();
    await w.onSettingsChanged();
    await w.refresh('test');
    expect(rec.notified.map((n) => [n.kind, n.title])).toEqual([['stage', expect.stringContaining('Alts rotating')]]);
    expect(rec.notified[0]!.message).toContain('ETH & majors lead → Alts rotating (ASI 40');
    // Stage events fired exactly once (other events of the day, switched off by default, are consumed silently).
    const fired = Object.keys((await alertStateItem.getValue()).fired);
    expect(fired.filter((k) => k.startsWith('stage:'))).toEqual([rec.notified[0]!.id]);
    // A restarted worker (fresh memory) remembers it too.
    const again = setup();
    await again.w.refresh('test');
    expect(again.rec.notified).toEqual([]);
  });

  it('raises nothing for a stage change when that alert is switched off, and nothing later either', async () => {
    const { w, rec } = setup();
    await w.refresh('test');
    await settingsItem.setValue(lowAltRotation(1, { stageChange: false }));
    await w.onSettingsChanged();
    expect((await snapshotItem.getValue())!.evaluation.phase.stage).toBe('alt-rotation');
    await settingsItem.setValue(lowAltRotation(1));
    await w.onSettingsChanged();
    expect(rec.notified).toEqual([]);
  });

  it('a settings change with an invalid stored value keeps the defaults and still evaluates', async () => {
    const { w, logs } = setup();
    await w.refresh('test');
    await fakeBrowser.storage.sync.set({
      settings: { ...defaultSettings(), asi: { ...defaultSettings().asi, windowDays: 3 } },
    });
    await w.onSettingsChanged();
    expect(logs.some((l) => l.includes('stored settings invalid'))).toBe(true);
    expect((await snapshotItem.getValue())!.evaluation.phase.stage).toBe(BEFORE);
  });

  it('clicking a notification clears it and opens the details; the badge link asks the same', async () => {
    const { w, rec } = setup();
    await w.onNotificationClicked('stage:mixed>alt-rotation:2026-03-18');
    expect(rec.cleared).toEqual(['stage:mixed>alt-rotation:2026-03-18']);
    expect(rec.detailsOpened).toBe(1);
    const fromBadge = { id: fakeBrowser.runtime.id, url: 'https://www.tradingview.com/chart/', tab: {} };
    expect(await w.onMessage({ type: 'open-details' }, fromBadge)).toEqual({ ok: true });
    expect(rec.detailsOpened).toBe(2);
  });

  it('a settings change applies the new refresh interval to the alarm', async () => {
    const { w } = setup();
    await w.ensureAlarm();
    await settingsItem.setValue({ ...defaultSettings(), refresh: { intervalMinutes: 240 } });
    await w.onSettingsChanged();
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.periodInMinutes)).toEqual([240]);
  });

  it('a refresh and a re-evaluation triggered together do not overwrite each other', async () => {
    const { w } = setup();
    await w.refresh('test');
    emu.setNow(T0 + 3_600_000);
    await settingsItem.setValue(lowAltRotation(1));
    await Promise.all([w.refresh('alarm'), w.onSettingsChanged()]);
    const snap = (await snapshotItem.getValue())!;
    // Whichever ran last, it ran with the new settings and after the other one.
    expect(snap.evaluation.phase.stage).toBe('alt-rotation');
    expect(snap.computedAt).toBe(T0 + 3_600_000);
  });
});
