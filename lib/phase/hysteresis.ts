/*
 * Hysteresis (SIGNALS.md §4), all of it: the margin the shown stage's band keeps, the confirmation
 * over consecutive days, the reasons shown while it holds a stage, and the replay of missed days.
 */
import { addDays } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { Reason } from './reasons';
import { atThreshold, STAGE_LABELS, stageOf, type KnownStage, type Stage } from './stage';

/** What survives from one daily evaluation to the next (persisted by the worker). */
export interface HysteresisState {
  /** The confirmed stage; null before the first known day. */
  stage: KnownStage | null;
  since: Day | null;
  /** The stage the confirmed one replaced: going back to it waits out the hold (absent in older states). */
  left?: KnownStage | null;
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
  /** The candidate stage being confirmed, e.g. 1 of 3 days. */
  confirming: { stage: KnownStage; count: number; of: number } | null;
  /** A confirmed change back to the stage just left, held until `until` (the hold of SIGNALS.md §4 stability). */
  held: { stage: KnownStage; until: Day } | null;
  change: StageChange | null;
}

/**
 * The stage table with the hysteresis margin (SIGNALS.md §4): leaving the band of the shown stage
 * (`sticky`) needs the ASI more than `margin` points past its boundary, entering a band only the plain
 * threshold (enter altseason at 75, leave it below 72). With no sticky stage: the raw stage.
 */
export function classifyStage(
  asi: number,
  rotation: boolean | null,
  st: Settings['stage'],
  sticky: KnownStage | null,
  margin: number,
): KnownStage {
  return stageOf(asi, rotation === true, st, (a, row, threshold) => {
    if (sticky === null || !row.held.includes(sticky)) return atThreshold(a, row, threshold);
    return row.comparator === '<=' ? a <= threshold + margin : a >= threshold - margin;
  });
}

export const EMPTY_HYSTERESIS: HysteresisState = {
  stage: null,
  since: null,
  left: null,
  pending: null,
  day: null,
  before: null,
};

/**
 * One daily step (SIGNALS.md §4): the stage changes only after the new stage's rule, with the ASI past the
 * boundary by the margin, has held on `confirmDays` consecutive evaluations; and it goes back to the stage it
 * just left only after `holdDays` (stability: no change and change back within a week, docs/ENGINE.md). An
 * unknown day shows "unknown" and leaves the state as it was, so a data gap neither confirms nor resets a change.
 */
export function stepHysteresis(
  prev: HysteresisState,
  day: Day,
  input: { asi: number | null; rotation: boolean | null },
  st: Settings['stage'],
  h: Settings['hysteresis'],
): HysteresisStep {
  if (prev.day !== null && day < prev.day) {
    return { state: prev, stage: prev.stage ?? 'unknown', confirming: confirmingOf(prev, h), held: null, change: null };
  }
  const base: Omit<HysteresisState, 'before'> =
    prev.day === day && prev.before
      ? prev.before
      : { stage: prev.stage, since: prev.since, left: prev.left ?? null, pending: prev.pending, day: prev.day };
  const left = base.left ?? null;
  const remember = (s: Omit<HysteresisState, 'before' | 'day'>): HysteresisState => ({ ...s, day, before: base });
  const none = { confirming: null, held: null, change: null };

  if (input.asi === null) {
    const state = remember({ stage: base.stage, since: base.since, left, pending: base.pending });
    return { state, stage: 'unknown', ...none };
  }
  const candidate = classifyStage(input.asi, input.rotation, st, base.stage, h.marginPoints);
  if (base.stage === null) {
    const state = remember({ stage: candidate, since: day, left: null, pending: null });
    return { state, stage: candidate, ...none, change: { day, from: null, to: candidate } };
  }
  if (candidate === base.stage) {
    const state = remember({ stage: base.stage, since: base.since, left, pending: null });
    return { state, stage: base.stage, ...none };
  }
  const count = base.pending?.stage === candidate ? base.pending.count + 1 : 1;
  const until = base.since === null ? null : addDays(base.since, h.holdDays + 1);
  const holding = candidate === left && until !== null && day < until;
  if (count >= h.confirmDays && !holding) {
    const state = remember({ stage: candidate, since: day, left: base.stage, pending: null });
    return { state, stage: candidate, ...none, change: { day, from: base.stage, to: candidate } };
  }
  const state = remember({ stage: base.stage, since: base.since, left, pending: { stage: candidate, count } });
  if (count >= h.confirmDays) return { state, stage: base.stage, ...none, held: { stage: candidate, until: until! } };
  return { state, stage: base.stage, ...none, confirming: confirmingOf(state, h) };
}

function confirmingOf(s: Omit<HysteresisState, 'before'>, h: Settings['hysteresis']) {
  return s.pending ? { stage: s.pending.stage, count: s.pending.count, of: h.confirmDays } : null;
}

/**
 * Why the stage shown is not what today's rules alone say: a change still confirming ("Altcoin season
 * confirming 1/3"), a change back held for the rest of the week, or the ASI inside the margin past the boundary
 * of the stage held. Each is decisive: it is why the badge shows what it shows.
 */
export function hysteresisReasons(
  step: HysteresisStep,
  rawStage: Stage,
  asi: number | null,
  day: Day,
  h: Settings['hysteresis'],
): Reason[] {
  const base = { signal: 'hysteresis', source: null, asOf: day, decisive: true } as const;
  if (step.confirming) {
    const c = step.confirming;
    return [
      {
        ...base,
        rule: 'hysteresis.confirming',
        value: c.count,
        comparator: '>=',
        threshold: c.of,
        passed: false,
        text: `${STAGE_LABELS[c.stage]} confirming ${c.count}/${c.of}: still showing ${STAGE_LABELS[step.stage]}`,
        args: [{ code: `stage.${c.stage}` }, c.count, c.of, { code: `stage.${step.stage}` }],
      },
    ];
  }
  if (step.held) {
    const x = step.held;
    return [
      {
        ...base,
        rule: 'hysteresis.held',
        value: x.stage,
        comparator: 'is',
        threshold: x.until,
        passed: true,
        text:
          `Holding ${STAGE_LABELS[step.stage]} until ${x.until}: a stage goes back to ` +
          `${STAGE_LABELS[x.stage]}, the one it just left, only after ${h.holdDays} days`,
        args: [{ code: `stage.${step.stage}` }, x.until, { code: `stage.${x.stage}` }, h.holdDays],
      },
    ];
  }
  if (step.stage !== 'unknown' && rawStage !== step.stage) {
    return [
      {
        ...base,
        rule: 'hysteresis.hold',
        value: asi,
        comparator: 'in',
        threshold: h.marginPoints,
        passed: true,
        text: `Holding ${STAGE_LABELS[step.stage]}: the ASI is still within ${h.marginPoints} points of its boundary`,
        args: [{ code: `stage.${step.stage}` }, h.marginPoints],
      },
    ];
  }
  return [];
}

/** How far back missed days are replayed after the browser was closed (older state is simply kept). */
export const CATCH_UP_DAYS = 60;

/**
 * Steps the hysteresis through the days between its last evaluation and `today` (excluded), each
 * evaluated as of itself by `evaluate`, so "2 consecutive daily evaluations" still means two days after
 * the browser was closed for a week (two evaluations a week apart would otherwise confirm a change).
 * Returns the latest change of those days, for the phase log.
 */
export function replayMissedDays<C>(
  prev: HysteresisState,
  today: Day,
  evaluate: (day: Day, h: HysteresisState) => { hysteresis: HysteresisState; change: C | null },
): { hysteresis: HysteresisState; change: C | null } {
  let h = prev;
  let change: C | null = null;
  if (prev.day === null) {
    // Never stepped (a fresh install, or a state refused and rebuilt): warm up over the same days the CLI's
    // history does, so the first stage shown is the one the same data gives with history (issue #13). The
    // warm-up's own changes happened before the install: none is returned for the log.
    for (let d = addDays(today, -CATCH_UP_DAYS); d < today; d = addDays(d, 1)) h = evaluate(d, h).hysteresis;
    return { hysteresis: h, change };
  }
  if (prev.day >= addDays(today, -1)) return { hysteresis: h, change };
  let first = addDays(prev.day, 1);
  if (prev.day < addDays(today, -CATCH_UP_DAYS)) {
    // Too long away to replay: a change pending back then no longer counts toward a confirmation.
    first = addDays(today, -CATCH_UP_DAYS);
    h = { ...prev, pending: null, before: null };
  }
  for (let d = first; d < today; d = addDays(d, 1)) {
    const step = evaluate(d, h);
    h = step.hysteresis;
    change = step.change ?? change;
  }
  return { hysteresis: h, change };
}
