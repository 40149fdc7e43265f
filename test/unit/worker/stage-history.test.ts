/**
 * The worker keeps the stage history beside the snapshot: a year after the first refresh, one more day after
 * the next day's refresh (the earlier days untouched), and the same engine's stages as the CLI's --history on
 * the caches it saved. Real data through the API emulator (newest complete day 2026-03-18).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stageHistory } from '../../../lib/engine/evaluate';
import { seriesFromCache } from '../../../lib/evidence/from-cache';
import { seriesCacheItem, snapshotItem, stageHistoryItem, universesItem } from '../../../lib/platform/items';
import { createWorker } from '../../../lib/platform/worker';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { STAGE_HISTORY_DAYS } from '../../../lib/snapshot/stage-history';
import { startEmulator, type Emulator } from '../../support/emulator';
import { recordingShell } from '../../support/shell';

const T0 = Date.parse('2026-03-18T12:00:00Z');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => fakeBrowser.reset());

describe('stage history in the worker', { timeout: 120_000 }, () => {
  it('a year after the first refresh, extended by one day on the next, equal to the engine on the saved caches', async () => {
    emu.setNow(T0);
    const w = createWorker({
      fetch: emu.fetch,
      now: () => emu.now,
      random: () => 0.5,
      log: () => {},
      shell: recordingShell().shell,
    });
    await w.refresh('installed');
    const first = (await stageHistoryItem.getValue())!;
    const today = (await snapshotItem.getValue())!.evaluation.today;
    expect(first.days).toHaveLength(STAGE_HISTORY_DAYS);
    expect(first.days.at(-1)!.date).toBe(today);

    const set = seriesFromCache(
      await seriesCacheItem.getValue(),
      await universesItem.getValue(),
      defaultSettings(),
      today,
    )!;
    const run = stageHistory(set, defaultSettings(), first.days[0]!.date, today).days;
    expect(first.days.map((d) => d.stage)).toEqual(run.map((d) => d.stage));
    expect(first.days.filter((d) => d.stage !== 'unknown').length).toBeGreaterThan(300);

    emu.setNow(T0 + 86_400_000);
    await w.refresh('alarm');
    const next = (await stageHistoryItem.getValue())!;
    const nextToday = (await snapshotItem.getValue())!.evaluation.today;
    expect(nextToday).toBe(addDays(today, 1));
    expect(next.days).toHaveLength(STAGE_HISTORY_DAYS);
    expect(next.days.at(-1)!.date).toBe(nextToday);
    // Every day before the two evaluated again stays as it was.
    expect(next.days.slice(0, -2)).toEqual(first.days.slice(1, -1));
  });
});
