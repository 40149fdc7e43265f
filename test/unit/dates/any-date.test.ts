/**
 * The date-sensitive scenarios on every date of the matrix (test/support/clock.ts): each day of a week, a US
 * market holiday and the day after, month and year ends, the daylight-saving changes. For each, the API
 * emulator serves the real data shifted by whole weeks so that its newest day is "yesterday" (as the
 * end-to-end tests do on the real clock), `now` is pinned, and every expectation is derived from that clock,
 * the NYSE calendar and the data served, never from constants that hold on some weekdays only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { engineSeries } from '../../../lib/cache/series-set';
import { catchUp, evaluateDay } from '../../../lib/engine/evaluate';
import { EMPTY_HYSTERESIS, type HysteresisState } from '../../../lib/phase/hysteresis';
import { lastClosedCryptoDay, lastClosedUsSession } from '../../../lib/cache/freshness';
import { emptyRefreshState, runRefresh, type RefreshResult } from '../../../lib/refresh/run';
import { addDays, daysBetween, isoWeekStart, toDay } from '../../../lib/series/dates';
import type { Point } from '../../../lib/series/types';
import { isUsSession, lastUsSessionOfWeek } from '../../../lib/series/us-market';
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';

import { phaseLogItem, settingsItem, snapshotItem } from '../../../lib/platform/items';
import { createWorker } from '../../../lib/platform/worker';
import { DATE_MATRIX, dataShiftFor } from '../../support/clock';
import { startEmulator, type Emulator } from '../../support/emulator';
import { refreshOn } from '../../support/refresh';
import { recordingShell } from '../../support/shell';
import { thresholdsThatMove } from '../../support/thresholds';

const HOUR = 3_600_000;

/**
 * The week close the contract means (SIGNALS.md §3), computed plainly: the last close of the latest ISO week
 * whose last NYSE session has its close in, or whose last session's day has passed.
 */
function plainWeeklyClose(points: readonly Point[], today: string): Point | null {
  const byWeek = new Map<string, Point>();
  for (const p of points) if (p.date <= today) byWeek.set(isoWeekStart(p.date), p);
  const weeks = [...byWeek.keys()].sort();
  for (let i = weeks.length - 1; i >= 0; i--) {
    const last = byWeek.get(weeks[i]!)!;
    const lastSession = lastUsSessionOfWeek(last.date);
    if (today > lastSession! || last.date >= lastSession!) return last;
  }
  return null;
}

describe.each(DATE_MATRIX)('as of $at ($label)', ({ at }) => {
  const now = Date.parse(at);
  const today = toDay(now);
  const settings = defaultSettings();
  let emu: Emulator;
  let cold: RefreshResult;
  const refresh = (state: Parameters<typeof runRefresh>[0], t: number) => refreshOn(emu, state, t);

  beforeAll(async () => {
    emu = await startEmulator({ now, shiftDays: dataShiftFor(now) });
    cold = await refresh(emptyRefreshState(settings), now);
  });
  afterAll(() => emu.close());

  it('refresh: a cold start knows every signal, each as of the day the clock and the NYSE calendar give', () => {
    const e = cold.snapshot.evaluation;
    expect(e.today).toBe(today);
    expect(e.asi?.value).not.toBeNull();
    expect(e.asi?.asOf).toBe(lastClosedCryptoDay(now));
    expect(e.asi && e.asi.value !== null && e.asi.stale).toBe(false);
    // The Russell's last close is the newest bar the emulator served up to the last closed session.
    const days = Object.values(cold.cache.macro.rut ?? {})
      .flatMap((c) => c.points.map(([d]) => d))
      .sort();
    expect(days.every(isUsSession)).toBe(true);
    const expected = days.filter((d) => d <= lastClosedUsSession(now)).at(-1)!;
    expect(e.russell?.asOf).toBe(expected);
    expect(e.russell?.stale).toBe(daysBetween(expected, today) > settings.staleness.russellMaxAgeDays);
    for (const k of ['dominance', 'ethbtc', 'fearGreed', 'total3'] as const)
      expect([k, e[k]?.value]).not.toContain(null);
    expect(e.phase.stage).not.toBe('unknown');
  });

  it('refresh: an hour later nothing is asked again, holidays and weekends included', async () => {
    emu.resetLog();
    const warm = await refresh(
      {
        settings,
        cache: cold.cache,
        universes: cold.universes,
        meta: cold.meta,
        providerState: cold.providerState,
        previous: cold.snapshot,
      },
      now + HOUR,
    );
    // On a holiday the expected session is the one before it: the Russell is not re-asked every refresh.
    expect(emu.count((q) => q.host.endsWith('finance.yahoo.com'))).toBe(0);
    expect(warm.snapshot.evaluation.phase.stage).toBe(cold.snapshot.evaluation.phase.stage);
  });

  it('weekly Russell close: the latest complete week, by the NYSE calendar, never a week still trading', () => {
    const r = cold.snapshot.evaluation.russell!;
    const rut = engineSeries(cold.cache, cold.universes, settings, today).rut!;
    const plain = plainWeeklyClose(rut.points, today);
    expect(r.weeklyClose && { date: r.weeklyClose.date, close: r.weeklyClose.close }).toEqual(
      plain && { date: plain.date, close: plain.value },
    );
    expect(r.weeklyConfirmed).toBe(plain !== null && plain.value > settings.russell.referenceHigh);
  });

  it('catch-up: a browser closed for a week ends in the same stage as one evaluating every day', () => {
    const set = engineSeries(cold.cache, cold.universes, settings, today);
    const daily = (from: string, to: string, h: HysteresisState) => {
      for (let d = from; d <= to; d = addDays(d, 1)) h = evaluateDay(set, settings, d, d, h).hysteresis;
      return h;
    };
    const away = addDays(today, -7);
    const atAway = daily(addDays(away, -40), away, EMPTY_HYSTERESIS);
    const expected = evaluateDay(set, settings, today, today, daily(addDays(away, 1), addDays(today, -1), atAway));
    const caught = evaluateDay(set, settings, today, today, catchUp(set, settings, atAway, today).hysteresis);
    expect(caught.evaluation.phase).toEqual(expected.evaluation.phase);
  });

  it('worker and alerts: install, then a saved threshold moves the stage with one notification for this day', async () => {
    fakeBrowser.reset();
    const { shell, rec } = recordingShell();
    const w = createWorker({ fetch: emu.fetch, now: () => emu.now, random: () => 0.5, log: () => {}, shell });
    emu.setNow(now);
    await w.refresh('install');
    const before = (await snapshotItem.getValue())!;
    expect(before.evaluation.today).toBe(today);
    expect(rec.notified).toEqual([]); // the first snapshot only arms the alerts
    const move = thresholdsThatMove(before.evaluation.asi!.value!, before.evaluation.phase.stage);
    const next: Settings = { ...settings, stage: { ...settings.stage, ...move.stage }, hysteresis: move.hysteresis };
    emu.resetLog();
    await settingsItem.setValue(next);
    await w.onSettingsChanged();
    expect(emu.requests).toHaveLength(0);
    expect((await snapshotItem.getValue())!.evaluation.phase.stage).toBe(move.target);
    const id = `stage:${before.evaluation.phase.stage}>${move.target}:${today}`;
    expect(rec.notified.map((n) => n.id)).toEqual([id]);
    // The log holds confirmed changes of the engine's state: where the warmed-up state already held the target
    // yesterday (today's change undone by the new thresholds), today has no entry; otherwise it is the change.
    const log = await phaseLogItem.getValue();
    if (before.hysteresis.before?.stage === move.target) expect(log.filter((e) => e.day === today)).toEqual([]);
    else expect(log.at(-1)).toMatchObject({ day: today, to: move.target });
    // Hourly refreshes the same day and a restarted worker raise nothing more.
    emu.setNow(now + HOUR);
    await w.refresh('alarm');
    await createWorker({ fetch: emu.fetch, now: () => emu.now, random: () => 0.5, log: () => {}, shell }).onWake();
    expect(rec.notified.map((n) => n.id)).toEqual([id]);
  });
});
