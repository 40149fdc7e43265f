/**
 * The stored stage history (issue #18.3, #17): built once, then extended a day at a time. Extending must give
 * exactly the days one continuous run of the engine gives (the CLI's --history), at the cost of one or two
 * evaluations per new day.
 */
import { describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { stageHistory } from '../../../lib/engine/evaluate';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { extendStageHistory, stageHistoryKey, type StageHistory } from '../../../lib/snapshot/stage-history';
import { REAL_SERIES_FULL } from '../../support/fixtures';

const set = loadSeriesDir(REAL_SERIES_FULL);
const settings = defaultSettings();
const KEEP = 120;
// Around the altseason of December 2024 (docs/ENGINE.md): the stage changes inside the span.
const START = '2024-10-15';
const END = '2025-01-31';

describe('the stored stage history', { timeout: 60_000 }, () => {
  it('extended day by day equals one continuous run of the engine, at two evaluations a day', () => {
    let { history } = extendStageHistory(null, set, settings, START, KEEP);
    const costs: number[] = [];
    for (let d = addDays(START, 1); d <= END; d = addDays(d, 1)) {
      const r = extendStageHistory(history, set, settings, d, KEEP);
      history = r.history;
      costs.push(r.evaluated);
    }
    // One run from the first kept day with the same warm-up, cut to the last KEEP days.
    const run = stageHistory(set, settings, addDays(START, -(KEEP - 1)), END).days.slice(-KEEP);
    expect(history.days).toEqual(run.map((d) => ({ date: d.date, stage: d.stage, asi: d.asi })));
    expect(history.days).toHaveLength(KEEP);
    expect(history.days.at(-1)!.date).toBe(END);
    expect(new Set(history.days.map((d) => d.stage)).size).toBeGreaterThan(1);
    expect(Math.max(...costs)).toBe(2);
  });

  it('evaluates the same day again in place (one evaluation, same days)', () => {
    const { history } = extendStageHistory(null, set, settings, END, KEEP);
    const again = extendStageHistory(history, set, settings, END, KEEP);
    expect(again.evaluated).toBe(1);
    expect(again.history.days).toEqual(history.days);
  });

  it('rebuilds for other stage settings, a long gap, another shape or garbage', () => {
    const { history } = extendStageHistory(null, set, settings, START, KEEP);
    const full = KEEP + 60;
    const other = { ...settings, stage: { ...settings.stage, altseasonMin: settings.stage.altseasonMin + 1 } };
    expect(stageHistoryKey(other)).not.toBe(history.key);
    expect(extendStageHistory(history, set, other, addDays(START, 1), KEEP).evaluated).toBe(full);
    expect(extendStageHistory(history, set, settings, addDays(START, 61), KEEP).evaluated).toBe(full);
    expect(extendStageHistory({ ...history, v: 0 }, set, settings, addDays(START, 1), KEEP).evaluated).toBe(full);
    for (const junk of [undefined, 'x', 42, { v: 1 }, { ...history, days: [] }] as unknown[])
      expect(extendStageHistory(junk, set, settings, START, KEEP).evaluated).toBe(full);
    // Alerts, sites and the refresh interval do not change a stage: no rebuild.
    const alerts = { ...settings, refresh: { ...settings.refresh, intervalMinutes: 120 } };
    expect(extendStageHistory(history, set, alerts, addDays(START, 1), KEEP).evaluated).toBe(2);
  });

  it('never keeps a day later than today (a clock moved back rebuilds)', () => {
    const { history } = extendStageHistory(null, set, settings, END, KEEP);
    const back: StageHistory = extendStageHistory(history, set, settings, START, KEEP).history;
    expect(back.days.at(-1)!.date).toBe(START);
  });
});
