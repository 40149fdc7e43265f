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
  EMPTY_HYSTERESIS,
  hysteresisReasons,
  replayMissedDays,
  stepHysteresis,
  type HysteresisState,
  type HysteresisStep,
  type StageChange,
} from '../phase/hysteresis';
import type { Reason } from '../phase/reasons';
import { evaluateSetup } from '../phase/setup';
import { STAGE_LABELS, stageInputs, stageOf, type Stage } from '../phase/stage';
import type { RussellState } from '../signals/russell';
import { computeSignals, type Signals } from '../signals/signals';

export interface Phase {
  /** The stage shown, with hysteresis applied. */
  stage: Stage;
  label: string;
  /** What today's rules alone say (no hysteresis). */
  rawStage: Stage;
  confirming: HysteresisStep['confirming'];
  flags: Flag[];
  setup: boolean;
  macro: RussellState;
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
  const inputs = stageInputs(sig, s.stage);
  const rawStage: Stage = inputs.asi === null ? 'unknown' : stageOf(inputs.asi, inputs.rotation, s.stage);
  const step = stepHysteresis(prev, day, inputs, s.stage, s.hysteresis);
  const reasons = [...inputs.reasons, ...hysteresisReasons(step, rawStage, inputs.asi, day, s.hysteresis)];
  const flags = evaluateFlags(step.stage, sig, s.stage);
  const setup = evaluateSetup(step.stage, sig, s, day);
  reasons.push(...flags.reasons, ...setup.reasons);
  const phase: Phase = {
    stage: step.stage,
    label: STAGE_LABELS[step.stage],
    rawStage,
    confirming: step.confirming,
    flags: flags.flags,
    setup: setup.setup,
    macro: sig.russell && !sig.russell.stale ? sig.russell.state : 'unknown',
    reasons,
  };
  const change = step.change ? { ...step.change, reasons: inputs.reasons.filter((r) => r.passed) } : null;
  return { evaluation: { asOf: day, today, ...sig, phase }, hysteresis: step.state, change };
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
  warmupDays = 60,
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
    });
  }
  return { days, changes, last };
}
