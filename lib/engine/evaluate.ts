/*
 * Engine: one day's evaluation (signals, then the phase rules and the hysteresis step) and runs of
 * days (history, catch-up). Flow: provider → cache → engine → snapshot → storage → views. The series
 * and the day come in as arguments; it never fetches, stores or reads the clock, so the worker, the
 * CLI and the goldens get the same answer from the same data.
 */
import { addDays } from '../series/dates';
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { evaluateFlags, type Flag } from '../phase/flags';
import {
  CATCH_UP_DAYS,
  EMPTY_HYSTERESIS,
  hysteresisReasons,
  replayMissedDays,
  stepHysteresis,
  type HysteresisState,
  type HysteresisStep,
  type StageChange,
} from '../phase/hysteresis';
import { outcomeOf, type Reason } from '../phase/reasons';
import { evaluateSetup } from '../phase/setup';
import { STAGE_LABELS, stageInputs, stageOf, type Stage } from '../phase/stage';
import { thesisClock, type Thesis } from '../phase/thesis';
import type { Tri, TriState } from '../phase/tri';
import type { RussellState } from '../signals/russell';
import { computeSignals, type Signals } from '../signals/signals';

export interface Phase {
  /** The stage shown, with hysteresis applied. */
  stage: Stage;
  label: string;
  /** What today's rules alone say (no hysteresis). */
  rawStage: Stage;
  confirming: HysteresisStep['confirming'];
  /** A change back to the stage just left, held for the rest of the week (stability). */
  held: HysteresisStep['held'];
  /** The flags that hold (yes); `flagStates` has each one's tri-state. */
  flags: Flag[];
  flagStates: Record<Flag, TriState>;
  /** The "window to prepare": yes, no, or unknown naming the missing inputs. */
  setup: TriState;
  /** Where the Russell's price is; the spill-over window is `thesis` (and `russell.window`). */
  macro: RussellState;
  /** The thesis clock: the spill-over window after the latest breakout, and its figures or verdict. */
  thesis: Thesis | null;
  /** Decisive reasons first (what set the stage, the flags, the setup), then the rest: passed, failed, unknown. */
  reasons: Reason[];
}

export interface Evaluation extends Signals {
  asOf: Day;
  today: Day;
  phase: Phase;
}

export interface EvaluationStep {
  evaluation: Evaluation;
  hysteresis: HysteresisState;
  change: (StageChange & { reasons: Reason[] }) | null;
}

/**
 * One daily evaluation: signals, the raw stage, the hysteresis step from `prev`, flags, setup and
 * every reason. Pure: the caller keeps the returned hysteresis state for the next day.
 */
export function evaluateDay(
  set: SeriesSet,
  s: Settings,
  day: Day,
  today: Day,
  prev: HysteresisState = EMPTY_HYSTERESIS,
): EvaluationStep {
  const sig = computeSignals(set, s, day, today);
  const inputs = stageInputs(sig, s.stage, day);
  const rawStage: Stage = inputs.asi === null ? 'unknown' : stageOf(inputs.asi, inputs.rotation === true, s.stage);
  const step = stepHysteresis(prev, day, inputs, s.stage, s.hysteresis);
  markStageReasons(inputs.reasons, step.stage, rawStage);
  const flags = evaluateFlags(step.stage, sig, s.stage, day);
  const setup = evaluateSetup(step.stage, sig, s, day);
  const reasons = orderReasons([
    ...inputs.reasons,
    ...hysteresisReasons(step, rawStage, inputs.asi, day, s.hysteresis),
    ...flags.reasons,
    ...setup.reasons,
  ]);
  const phase: Phase = {
    stage: step.stage,
    label: STAGE_LABELS[step.stage],
    rawStage,
    confirming: step.confirming,
    held: step.held,
    flags: flags.flags,
    flagStates: flags.states,
    setup: setup.setup,
    macro: sig.russell && !sig.russell.stale ? sig.russell.state : 'unknown',
    thesis: thesisClock(set, s, sig.russell?.window ?? null, day),
    reasons,
  };
  const change = step.change ? { ...step.change, reasons: inputs.reasons.filter((r) => r.passed === true) } : null;
  return { evaluation: { asOf: day, today, ...sig, phase }, hysteresis: step.state, change };
}

/**
 * Marks the stage reasons that set the stage shown: the table row that holds, the rotation legs of ETH &
 * majors lead (those that pass) or of Mixed (none passes), or the unknown ASI of "No data".
 */
function markStageReasons(reasons: Reason[], shown: Stage, raw: Stage): void {
  for (const r of reasons) {
    if (r.rule === 'stage.unknown') r.decisive = true;
    else if (shown !== raw)
      continue; // the hysteresis reason says why
    else if (r.rule === `stage.${shown}`) r.decisive = true;
    else if (shown === 'eth-rotation' && r.rule.startsWith('stage.eth-rotation.') && r.passed) r.decisive = true;
    else if (shown === 'mixed' && r.rule.startsWith('stage.eth-rotation.')) r.decisive = true;
  }
}

const GROUP = { pass: 1, fail: 2, unknown: 3 } as const;

/** Decisive reasons first in their order, then the others grouped: passed, failed, unknown (stable within). */
export function orderReasons(reasons: Reason[]): Reason[] {
  const rank = (r: Reason) => (r.decisive ? 0 : GROUP[r.stale ? 'unknown' : outcomeOf(r)]);
  return reasons
    .map((r, i) => [r, i] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
    .map(([r]) => r);
}

/**
 * Replays the days missed since `prev` was last stepped (the browser was closed), each evaluated as of
 * itself from the series; see replayMissedDays for the window and why.
 */
export function catchUp(
  set: SeriesSet,
  s: Settings,
  prev: HysteresisState,
  today: Day,
): { hysteresis: HysteresisState; change: EvaluationStep['change'] } {
  return replayMissedDays(prev, today, (d, h) => evaluateDay(set, s, d, d, h));
}

export interface HistoryDay {
  date: Day;
  stage: Stage;
  rawStage: Stage;
  asi: number | null;
  confirming: HysteresisStep['confirming'];
  held: HysteresisStep['held'];
  /** The setup's verdict that day (yes, no, or unknown naming what is missing). */
  setup: Tri;
  /** BTC dominance that day (%), null when unknown. */
  dominance: number | null;
}

/**
 * The daily stage sequence from `from` to `to` with hysteresis applied. The state is warmed up over
 * `warmupDays` before `from`, so the first day shown is not an artefact of where the history starts.
 */
export function stageHistory(
  set: SeriesSet,
  s: Settings,
  from: Day,
  to: Day,
  warmupDays = CATCH_UP_DAYS,
): { days: HistoryDay[]; changes: EvaluationStep['change'][]; last: EvaluationStep | null } {
  let state = EMPTY_HYSTERESIS;
  const days: HistoryDay[] = [];
  const changes: NonNullable<EvaluationStep['change']>[] = [];
  let last: EvaluationStep | null = null;
  for (let d = addDays(from, -warmupDays); d <= to; d = addDays(d, 1)) {
    const step = evaluateDay(set, s, d, d, state);
    state = step.hysteresis;
    if (d < from) continue;
    last = step;
    const e = step.evaluation;
    if (step.change) changes.push(step.change);
    days.push({
      date: d,
      stage: e.phase.stage,
      rawStage: e.phase.rawStage,
      asi: e.asi && e.asi.value !== null ? e.asi.value : null,
      confirming: e.phase.confirming,
      held: e.phase.held,
      setup: e.phase.setup.state,
      dominance: e.dominance && e.dominance.value !== null ? e.dominance.value : null,
    });
  }
  return { days, changes, last };
}
