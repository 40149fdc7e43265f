import { describe, expect, it } from 'vitest';
import { catchUp, evaluateDay, stageHistory } from '../../../lib/engine/evaluate';
import { CATCH_UP_DAYS, EMPTY_HYSTERESIS, type HysteresisState } from '../../../lib/phase/hysteresis';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { realSeries } from '../../support/fixtures';

const s = defaultSettings();
const set = realSeries();

/** The hysteresis after evaluating every day from `from` to `to`, as a browser left open would. */
function daily(from: string, to: string, h: HysteresisState = EMPTY_HYSTERESIS): HysteresisState {
  for (let d = from; d <= to; d = addDays(d, 1)) h = evaluateDay(set, s, d, d, h).hysteresis;
  return h;
}
const shown = (h: HysteresisState) => ({ stage: h.stage, since: h.since, pending: h.pending });

describe('catching up on days the browser was closed (real coins, 2024-2026)', { timeout: 60_000 }, () => {
  it('a week away gives the same stage and confirmation state as a week of daily evaluations', () => {
    let differsWithoutCatchUp = 0;
    for (let d0 = '2024-06-01'; d0 <= '2026-03-01'; d0 = addDays(d0, 9)) {
      const atD0 = daily(addDays(d0, -30), d0);
      const back = addDays(d0, 7);
      const expected = daily(addDays(d0, 1), back, atD0);
      const caught = evaluateDay(set, s, back, back, catchUp(set, s, atD0, back).hysteresis).hysteresis;
      expect([d0, shown(caught)]).toEqual([d0, shown(expected)]);
      const jumped = evaluateDay(set, s, back, back, atD0).hysteresis;
      if (JSON.stringify(shown(jumped)) !== JSON.stringify(shown(expected))) differsWithoutCatchUp++;
    }
    // The check has teeth: on the real data, jumping straight to the day back gets some of these wrong.
    expect(differsWithoutCatchUp).toBeGreaterThan(3);
  });

  it('reports the latest stage change of the missed days for the phase log', () => {
    // Evaluated daily, altseason is entered on 2024-12-02 (after three days of ASI ≥ 75): it happened while away
    // (2024-11-20 .. 12-04), and the catch-up reports that same change.
    const daily1203 = stageHistory(set, s, '2024-11-21', '2024-12-03').changes.at(-1)!;
    expect(daily1203).toMatchObject({ day: '2024-12-02', to: 'altseason' });
    const before = daily('2024-10-20', '2024-11-20');
    const r = catchUp(set, s, before, '2024-12-04');
    expect(r.change).toMatchObject({ day: daily1203.day, from: daily1203.from, to: 'altseason' });
    expect(r.hysteresis.day).toBe('2024-12-03');
  });

  it('does nothing when yesterday or today was evaluated, and replays at most the window', () => {
    const h = daily('2025-01-01', '2025-01-31');
    expect(catchUp(set, s, h, '2025-02-01').hysteresis).toBe(h);
    expect(catchUp(set, s, h, '2025-01-31').hysteresis).toBe(h);
    const long = catchUp(set, s, { ...h, pending: { stage: 'altseason', count: 1 } }, addDays('2025-01-31', 200));
    expect(long.hysteresis.day).toBe(addDays('2025-01-31', 199));
    expect(CATCH_UP_DAYS).toBe(60);
  });
});
