/**
 * The date-sensitive scenarios in the real browser, its clock pinned to each date of the matrix
 * (test/support/clock.ts) with libfaketime and the emulator's clock and data shift derived from the same
 * instant. On each date the worker's install refresh must give exactly what the pure pipeline gives in Node at
 * that instant (every signal's day, the weekly Russell close, the stage), and a saved threshold must move the
 * stage with exactly one notification for that day.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emptyRefreshState, runRefresh } from '../../lib/refresh/run';
import { toDay } from '../../lib/series/dates';
import { defaultSettings } from '../../lib/settings/defaults';
import type { Evaluation } from '../../lib/engine/evaluate';
import { DATE_MATRIX, faketimeAvailable, LIBFAKETIME } from '../support/clock';
import { IN_CI, SKIP, startWorld, suiteName, waitFor, type World } from '../support/e2e';
import { startEmulator } from '../support/emulator';
import { emulatorDeps } from '../support/refresh';
import { thresholdsThatMove } from '../support/thresholds';

const NO_FAKETIME = !faketimeAvailable() && !IN_CI;

/** What must not depend on the moment of the refresh within the day: every day, value and the phase. */
function essentials(e: Evaluation) {
  const day = (s: { asOf?: string | null; value?: unknown } | null) => s && { asOf: s.asOf, value: s.value };
  return {
    today: e.today,
    asOf: e.asOf,
    russell: e.russell && { ...day(e.russell), weeklyClose: e.russell.weeklyClose, weekly: e.russell.weeklyConfirmed },
    asi: day(e.asi),
    dominance: day(e.dominance),
    ethbtc: day(e.ethbtc),
    fearGreed: day(e.fearGreed),
    total3: day(e.total3),
    phase: e.phase,
  };
}

/** The snapshot the pure pipeline computes in Node at `at`, against an emulator with the same clock and shift. */
async function expectedAt(at: number, shift: number): Promise<Evaluation> {
  const emu = await startEmulator({ now: at, shiftDays: shift });
  try {
    const r = await runRefresh(emptyRefreshState(defaultSettings()), emulatorDeps(emu, at));
    return r.snapshot.evaluation;
  } finally {
    await emu.close();
  }
}

describe.skipIf(SKIP || NO_FAKETIME)(
  suiteName(
    NO_FAKETIME
      ? `the browser on pinned dates (SKIPPED: no libfaketime at ${LIBFAKETIME})`
      : 'the browser on pinned dates',
  ),
  { timeout: 120_000 },
  () => {
    let w: World | undefined;
    afterAll(async () => {
      await w?.close();
    });

    it.each(DATE_MATRIX)(
      '$at ($label): install refresh as in Node, then one notification for that day',
      async ({ at }) => {
        const now = Date.parse(at);
        w = await startWorld({ at: now });
        const browserNow = (await w.ext.serviceWorker.evaluate(() => Date.now())) as number;
        expect(toDay(browserNow)).toBe(toDay(now)); // the browser really runs on the pinned date
        const snap = await w.waitForSnapshot();
        expect(essentials(snap.evaluation)).toEqual(essentials(await expectedAt(now, w.shift)));

        const move = thresholdsThatMove(snap.evaluation.asi!.value!, snap.evaluation.phase.stage);
        const d = defaultSettings();
        w.emu.resetLog();
        await w.ext.serviceWorker.evaluate(
          (settings) => (globalThis as any).chrome.storage.sync.set({ settings, settings$: { v: settings.version } }),
          { ...d, stage: { ...d.stage, ...move.stage }, hysteresis: move.hysteresis },
        );
        await w.waitForSnapshot((s) => s.evaluation.phase.stage === move.target, `the stage to become ${move.target}`);
        const ids = await waitFor(
          async () =>
            Object.keys(
              (await w!.ext.serviceWorker.evaluate(() => (globalThis as any).chrome.notifications.getAll())) as object,
            ),
          (k) => k.length > 0,
          'the stage notification',
        );
        expect(ids).toEqual([`stage:${snap.evaluation.phase.stage}>${move.target}:${toDay(now)}`]);
        expect(w.emu.requests).toHaveLength(0);
        expect(w.ext.errors).toEqual([]);
        await w.close();
        w = undefined;
      },
    );
  },
);
