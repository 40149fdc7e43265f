import { describe, expect, it } from 'vitest';
import { classifyStage, EMPTY_HYSTERESIS, stepHysteresis, type HysteresisState } from '../../../lib/phase/hysteresis';
import type { Stage } from '../../../lib/phase/stage';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';

const defaults = defaultSettings();
/**
 * The mechanism with SIGNALS.md §4's own example numbers (2 confirmation days, a 3-point margin) and no hold;
 * the shipped defaults (3 days, a 7-day hold) are pinned below and in stability.test.ts.
 */
const s = { ...defaults, hysteresis: { confirmDays: 2, marginPoints: 3, holdDays: 0 } };

/** Runs a daily ASI sequence (null = unknown day) and returns the stage shown each day. */
function run(asis: (number | null)[], start: HysteresisState = EMPTY_HYSTERESIS, rotation = false) {
  let state = start;
  const shown: Stage[] = [];
  const confirming: (string | null)[] = [];
  asis.forEach((asi, i) => {
    const step = stepHysteresis(state, addDays('2025-01-01', i), { asi, rotation }, s.stage, s.hysteresis);
    state = step.state;
    shown.push(step.stage);
    confirming.push(step.confirming ? `${step.confirming.stage} ${step.confirming.count}/${step.confirming.of}` : null);
  });
  return { shown, confirming, state };
}

describe('hysteresis', () => {
  it('74/76/74/76 does not flap, from either side', () => {
    expect(run([60, 74, 76, 74, 76, 74]).shown).toEqual([
      'alt-rotation',
      'alt-rotation',
      'alt-rotation',
      'alt-rotation',
      'alt-rotation',
      'alt-rotation',
    ]);
    expect(run([80, 74, 76, 74, 76, 74]).shown).toEqual([
      'altseason',
      'altseason',
      'altseason',
      'altseason',
      'altseason',
      'altseason',
    ]);
  });

  it('changes only after the new stage holds on 2 consecutive days, showing "confirming 1/2" meanwhile', () => {
    const r = run([60, 76, 77, 78]);
    expect(r.shown).toEqual(['alt-rotation', 'alt-rotation', 'altseason', 'altseason']);
    expect(r.confirming).toEqual([null, 'altseason 1/2', null, null]);
  });

  it('enters altseason at 75 but leaves it only below 72 (3-point margin, SIGNALS.md §4)', () => {
    expect(run([80, 73, 73, 73]).shown.at(-1)).toBe('altseason');
    expect(run([80, 72, 72, 72]).shown.at(-1)).toBe('altseason');
    expect(run([80, 71, 71]).shown).toEqual(['altseason', 'altseason', 'alt-rotation']);
    expect(run([60, 75, 75]).shown.at(-1)).toBe('altseason');
  });

  it('leaves Bitcoin season only above 28; enters it at 25', () => {
    expect(run([20, 28, 28, 28]).shown.at(-1)).toBe('btc-season');
    expect(run([20, 29, 29]).shown.at(-1)).toBe('mixed');
    expect(run([40, 25, 25]).shown.at(-1)).toBe('btc-season');
    expect(run([40, 26, 26]).shown.at(-1)).toBe('mixed');
  });

  it('a confirmation count resets when the candidate changes', () => {
    // day 2 proposes altseason, day 3 mixed, day 4 altseason again: still 1/2
    expect(run([60, 80, 40, 80]).confirming).toEqual([null, 'altseason 1/2', 'mixed 1/2', 'altseason 1/2']);
  });

  it('shows unknown on a day without data and neither confirms nor forgets across it', () => {
    const r = run([60, 80, null, 80]);
    expect(r.shown).toEqual(['alt-rotation', 'alt-rotation', 'unknown', 'altseason']);
    expect(run([null, null]).shown).toEqual(['unknown', 'unknown']);
  });

  it('re-evaluating the same day replaces that day, it does not count twice', () => {
    let state = stepHysteresis(
      EMPTY_HYSTERESIS,
      '2025-01-01',
      { asi: 60, rotation: false },
      s.stage,
      s.hysteresis,
    ).state;
    state = stepHysteresis(state, '2025-01-02', { asi: 80, rotation: false }, s.stage, s.hysteresis).state;
    const again = stepHysteresis(state, '2025-01-02', { asi: 81, rotation: false }, s.stage, s.hysteresis);
    expect(again.stage).toBe('alt-rotation');
    expect(again.confirming).toEqual({ stage: 'altseason', count: 1, of: 2 });
    const next = stepHysteresis(again.state, '2025-01-03', { asi: 82, rotation: false }, s.stage, s.hysteresis);
    expect(next.stage).toBe('altseason');
    expect(next.change).toEqual({ day: '2025-01-03', from: 'alt-rotation', to: 'altseason' });
  });

  it('honours other settings: 3 confirmation days, no margin', () => {
    const h = { confirmDays: 3, marginPoints: 0, holdDays: 0 };
    let state = EMPTY_HYSTERESIS;
    const shown: string[] = [];
    for (const [i, asi] of [80, 74, 74, 74].entries()) {
      const st = stepHysteresis(state, addDays('2025-01-01', i), { asi, rotation: false }, s.stage, h);
      state = st.state;
      shown.push(st.stage);
    }
    expect(shown).toEqual(['altseason', 'altseason', 'altseason', 'alt-rotation']);
  });
});

describe('stage table', () => {
  const st = s.stage;
  it('maps the ASI and rotation evidence to the stage ids of SIGNALS.md §4', () => {
    const table: [number, boolean, string][] = [
      [0, false, 'btc-season'],
      [25, true, 'btc-season'],
      [26, false, 'mixed'],
      [26, true, 'eth-rotation'],
      [49, true, 'eth-rotation'],
      [49, false, 'mixed'],
      [50, false, 'alt-rotation'],
      [74, true, 'alt-rotation'],
      [75, false, 'altseason'],
      [100, false, 'altseason'],
    ];
    for (const [asi, rot, want] of table)
      expect([asi, rot, classifyStage(asi, rot, st, null, 3)]).toEqual([asi, rot, want]);
  });

  it('uses the configured thresholds', () => {
    const custom = { ...st, btcSeasonMax: 30, altRotationMin: 55, altseasonMin: 80 };
    expect(classifyStage(30, false, custom, null, 3)).toBe('btc-season');
    expect(classifyStage(54, false, custom, null, 3)).toBe('mixed');
    expect(classifyStage(79, false, custom, null, 3)).toBe('alt-rotation');
  });
});

describe('the shipped defaults: 3 confirmation days and a 7-day hold (stability, docs/ENGINE.md)', () => {
  const h = defaults.hysteresis;
  const steps = (asis: number[]) => {
    let state = EMPTY_HYSTERESIS;
    return asis.map((asi, i) => {
      const step = stepHysteresis(state, addDays('2025-01-01', i), { asi, rotation: false }, defaults.stage, h);
      state = step.state;
      return step;
    });
  };

  it('confirms a change over 3 days', () => {
    expect(h).toEqual({ confirmDays: 3, marginPoints: 3, holdDays: 7 });
    const r = steps([60, 76, 77, 78]);
    expect(r.map((x) => x.stage)).toEqual(['alt-rotation', 'alt-rotation', 'alt-rotation', 'altseason']);
    expect(r.map((x) => x.confirming && `${x.confirming.count}/${x.confirming.of}`)).toEqual([
      null,
      '1/3',
      '2/3',
      null,
    ]);
  });

  it('holds a change back to the stage just left for 7 days, then makes it if its rule still holds', () => {
    // Day 3 enters altseason; the ASI falls back at once. Going back to alt-rotation waits until day 3 + 8.
    const r = steps([60, 80, 80, 80, ...Array<number>(10).fill(60)]);
    const shown = r.map((x) => x.stage);
    expect(shown.indexOf('altseason')).toBe(3);
    expect(r[3]!.change).toEqual({ day: '2025-01-04', from: 'alt-rotation', to: 'altseason' });
    // Confirmed after 3 days of 60 (day 6) but held: still altseason, and the step says until when.
    expect(r[6]!.stage).toBe('altseason');
    expect(r[6]!.held).toEqual({ stage: 'alt-rotation', until: '2025-01-12' });
    expect(r[10]!.stage).toBe('altseason');
    expect(r[11]!.change).toEqual({ day: '2025-01-12', from: 'altseason', to: 'alt-rotation' });
    expect(shown.slice(11)).toEqual(['alt-rotation', 'alt-rotation', 'alt-rotation']);
  });

  it('never holds a move on to a third stage', () => {
    const r = steps([60, 80, 80, 80, 10, 10, 10]);
    expect(r[6]!.change).toEqual({ day: '2025-01-07', from: 'altseason', to: 'btc-season' });
  });

  it('a hold of 0 days is no hold', () => {
    let state = EMPTY_HYSTERESIS;
    const shown = [60, 80, 80, 80, 60, 60, 60].map((asi, i) => {
      const step = stepHysteresis(state, addDays('2025-01-01', i), { asi, rotation: false }, defaults.stage, {
        ...h,
        holdDays: 0,
      });
      state = step.state;
      return step.stage;
    });
    expect(shown.at(-1)).toBe('alt-rotation');
  });
});
