import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { classifyStage, type KnownStage, type Stage } from './stage';

/** What survives from one daily evaluation to the next (persisted by the worker). */
export interface HysteresisState {
  /** The confirmed stage; null before the first known day. */
  stage: KnownStage | null;
  since: Day | null;
  /** A different stage whose rule has held on `count` consecutive days. */
  pending: { stage: KnownStage; count: number } | null;
  /** The last day stepped, and the state before it: re-evaluating that day replaces, never advances. */
  day: Day | null;
  before: Omit<HysteresisState, 'before'> | null;
}

export interface StageChange {
  day: Day;
  from: KnownStage | null;
  to: KnownStage;
}

export interface HysteresisStep {
  state: HysteresisState;
  /** The stage to show: unknown whenever today's inputs are. */
  stage: Stage;
  /** The candidate stage being confirmed, e.g. 1 of 2 days. */
  confirming: { stage: KnownStage; count: number; of: number } | null;
  change: StageChange | null;
}

export const EMPTY_HYSTERESIS: HysteresisState = { stage: null, since: null, pending: null, day: null, before: null };

/**
 * One daily step (SIGNALS.md §4): the stage changes only after the new stage's rule, with the ASI
 * past the boundary by the margin, has held on `confirmDays` consecutive evaluations. An unknown day
 * shows "unknown" and leaves the state as it was, so a data gap neither confirms nor resets a change.
 */
export function stepHysteresis(
  prev: HysteresisState,
  day: Day,
  input: { asi: number | null; rotation: boolean },
  st: Settings['stage'],
  h: Settings['hysteresis'],
): HysteresisStep {
  if (prev.day !== null && day < prev.day) {
    return { state: prev, stage: prev.stage ?? 'unknown', confirming: confirmingOf(prev, h), change: null };
  }
  const base: Omit<HysteresisState, 'before'> =
    prev.day === day && prev.before
      ? prev.before
      : { stage: prev.stage, since: prev.since, pending: prev.pending, day: prev.day };
  const remember = (s: Omit<HysteresisState, 'before' | 'day'>): HysteresisState => ({ ...s, day, before: base });

  if (input.asi === null) {
    const state = remember({ stage: base.stage, since: base.since, pending: base.pending });
    return { state, stage: 'unknown', confirming: null, change: null };
  }
  const candidate = classifyStage(input.asi, input.rotation, st, base.stage, h.marginPoints);
  if (base.stage === null) {
    const state = remember({ stage: candidate, since: day, pending: null });
    return { state, stage: candidate, confirming: null, change: { day, from: null, to: candidate } };
  }
  if (candidate === base.stage) {
    const state = remember({ stage: base.stage, since: base.since, pending: null });
    return { state, stage: base.stage, confirming: null, change: null };
  }
  const count = base.pending?.stage === candidate ? base.pending.count + 1 : 1;
  if (count >= h.confirmDays) {
    const state = remember({ stage: candidate, since: day, pending: null });
    return { state, stage: candidate, confirming: null, change: { day, from: base.stage, to: candidate } };
  }
  const state = remember({ stage: base.stage, since: base.since, pending: { stage: candidate, count } });
  return { state, stage: base.stage, confirming: confirmingOf(state, h), change: null };
}

function confirmingOf(s: Omit<HysteresisState, 'before'>, h: Settings['hysteresis']) {
  return s.pending ? { stage: s.pending.stage, count: s.pending.count, of: h.confirmDays } : null;
}
