/**
 * Stage stability (SIGNALS.md §4) on the real history where every signal is known (series-full, 2024-07-15 ..
 * 2026-03-18), with the shipped defaults: no stage changes and changes back within 7 days, while altseason is
 * still entered within 3 days of the ASI first reaching its threshold, and left only below 72. Every expected
 * value is computed here from the history itself.
 */
import { describe, expect, it } from 'vitest';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { stageHistory, type HistoryDay } from '../../../lib/engine/evaluate';
import { daysBetween } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { REAL_SERIES_FULL } from '../../support/paths';

const set = loadSeriesDir(REAL_SERIES_FULL);
const s = defaultSettings();

function changes(days: HistoryDay[]) {
  const out: { date: string; from: string; to: string; asi: number | null }[] = [];
  for (let i = 1; i < days.length; i++)
    if (days[i]!.stage !== days[i - 1]!.stage)
      out.push({ date: days[i]!.date, from: days[i - 1]!.stage, to: days[i]!.stage, asi: days[i]!.asi });
  return out;
}
const flipBacks = (c: ReturnType<typeof changes>) =>
  c
    .slice(1)
    .filter((x, i) => x.to === c[i]!.from && daysBetween(c[i]!.date, x.date) <= 7)
    .map((x) => x.date);

describe('stage stability on the real 2024-2026 history (series-full)', { timeout: 60_000 }, () => {
  const { days } = stageHistory(set, s, '2024-07-15', '2026-03-18');
  const c = changes(days);

  it('no stage changes and changes back within 7 days', () => {
    expect(flipBacks(c)).toEqual([]);
    expect(c.length).toBe(21); // 32 with the contract's example hysteresis alone (see the last test)
  });

  it('enters altseason within 3 days of the ASI first reaching 75, each time it does', () => {
    const runs: { first: string; entered: string | null }[] = [];
    for (let i = 0; i < days.length; i++) {
      const d = days[i]!;
      const before = days[i - 1];
      if ((d.asi ?? 0) >= 75 && (before === undefined || (before.asi ?? 0) < 75) && d.stage !== 'altseason') {
        if (runs.some((r) => r.entered === null || r.entered >= d.date)) continue; // the same run
        const entered = days.slice(i).find((x) => x.stage === 'altseason')?.date ?? null;
        runs.push({ first: d.date, entered });
      }
    }
    expect(runs.map((r) => r.first)).toEqual(['2024-11-30', '2025-09-12']);
    for (const r of runs) expect(daysBetween(r.first, r.entered!)).toBeLessThanOrEqual(3);
  });

  it('leaves altseason only after the ASI is below 72 on each confirming day', () => {
    const exits = c.filter((x) => x.from === 'altseason');
    expect(exits.length).toBe(2);
    for (const x of exits) {
      const i = days.findIndex((d) => d.date === x.date);
      for (const d of days.slice(i - s.hysteresis.confirmDays + 1, i + 1)) expect(d.asi!).toBeLessThan(72);
    }
  });

  it('the contract example alone (2 days, 3 points, no hold) flips back six times: the rule is what fixes it', () => {
    const plain = { ...s, hysteresis: { confirmDays: 2, marginPoints: 3, holdDays: 0 } };
    const p = changes(stageHistory(set, plain, '2024-07-15', '2026-03-18').days);
    expect(flipBacks(p).length).toBeGreaterThanOrEqual(5);
    expect(p.length).toBeGreaterThan(c.length);
  });
});
