import { describe, expect, it } from 'vitest';
import { emptyAlertState, FIRED_MAX, normalizeAlertState, pruneFired } from '../../../lib/alerts/state';

describe('alert state', () => {
  it('starts empty: nothing observed, nothing raised', () => {
    expect(emptyAlertState()).toEqual({
      version: 1,
      stage: null,
      breakout: null,
      weeklyConfirmed: null,
      asiSides: {},
      dominanceZone: null,
      setup: null,
      fearWashout: null,
      window: null,
      queued: [],
      fired: {},
    });
  });

  it('keeps a valid stored state as it is', () => {
    const s = {
      version: 1,
      stage: 'altseason',
      breakout: { date: '2025-09-18' },
      weeklyConfirmed: true,
      asiSides: { '50': 'above', '25': 'above' },
      dominanceZone: 'pivotal',
      setup: false,
      fearWashout: true,
      window: { breakout: '2025-09-18', status: 'open' },
      queued: [{ id: 'setup:2025-12-18', kind: 'setup', title: 't', message: 'm' }],
      fired: { 'stage:mixed>altseason:2025-09-19': 1 },
    };
    expect(normalizeAlertState(structuredClone(s))).toEqual(s);
    expect(normalizeAlertState({ ...s, breakout: { date: null } }).breakout).toEqual({ date: null });
  });

  it('drops garbage field by field instead of throwing', () => {
    for (const raw of [null, undefined, 42, 'x', [], { version: 2, stage: 'altseason' }]) {
      expect(normalizeAlertState(raw)).toEqual(emptyAlertState());
    }
    const s = normalizeAlertState({
      version: 1,
      stage: 'unknown',
      breakout: { date: 'yesterday' },
      weeklyConfirmed: 'yes',
      asiSides: { '50': 'sideways', '30': 'below' },
      dominanceZone: 'moon',
      fired: { a: 'x', b: 5, c: Infinity },
    });
    expect(s).toEqual({ ...emptyAlertState(), asiSides: { '30': 'below' }, fired: { b: 5 } });
  });

  it('bounds the raised ids, keeping the newest', () => {
    const fired: Record<string, number> = {};
    for (let i = 0; i < FIRED_MAX + 50; i++) fired[`e${i}`] = i;
    const kept = pruneFired(fired);
    expect(Object.keys(kept)).toHaveLength(FIRED_MAX);
    expect(kept.e0).toBeUndefined();
    expect(kept[`e${FIRED_MAX + 49}`]).toBe(FIRED_MAX + 49);
    const small = { a: 1 };
    expect(pruneFired(small)).toBe(small);
  });
});
