/**
 * The first day (issue #13): a fresh install has no hysteresis history, yet its first stage must be the one the
 * same data gives with history, i.e. what the CLI says for that day (its 60-day warm-up). The snapshot builder
 * warms a never-stepped state over the same days; without that, a day just after a stage was left shows the raw
 * stage (the example of the issue: ASI 48 just after alt-rotation, October 2025).
 */
import { describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { evaluateDay, stageHistory } from '../../../lib/engine/evaluate';
import { EMPTY_HYSTERESIS } from '../../../lib/phase/hysteresis';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { buildSnapshot } from '../../../lib/snapshot/build';
import { REAL_SERIES_FULL } from '../../support/fixtures';

const set = loadSeriesDir(REAL_SERIES_FULL);
const settings = defaultSettings();
const noon = (d: string) => Date.parse(`${d}T12:00:00Z`);
const firstSnapshot = (d: string) =>
  buildSnapshot({
    set,
    settings,
    now: noon(d),
    hysteresis: EMPTY_HYSTERESIS,
    sources: {},
    served: {},
    crossCheck: null,
  }).snapshot;

describe('the first day of a fresh install', { timeout: 120_000 }, () => {
  // Every day of a span with stage changes in both directions (altseason, then alt-rotation and mixed).
  const FROM = '2025-08-15';
  const TO = '2025-11-15';
  const cli = stageHistory(set, settings, FROM, TO).days;

  it('shows the stage the CLI gives for that day, on every day of the span', () => {
    const wrong = cli.filter((d) => firstSnapshot(d.date).evaluation.phase.stage !== d.stage).map((d) => d.date);
    expect(wrong).toEqual([]);
    expect(new Set(cli.map((d) => d.stage)).size).toBeGreaterThan(2);
  });

  it('would not without the warm-up: the raw first evaluation differs on some days of the span', () => {
    const cold = cli.filter((d) => evaluateDay(set, settings, d.date, d.date).evaluation.phase.stage !== d.stage);
    expect(cold.length).toBeGreaterThan(0);
  });

  it('logs no stage change for the warm-up days before the install', () => {
    for (let d = FROM; d <= addDays(FROM, 20); d = addDays(d, 5)) {
      const { change } = buildSnapshot({
        set,
        settings,
        now: noon(d),
        hysteresis: EMPTY_HYSTERESIS,
        sources: {},
        served: {},
        crossCheck: null,
      });
      expect(change === null || change.day === d, d).toBe(true);
    }
  });
});
