/*
 * Snapshot: today's evaluation packed with what the views draw beside it (sparklines, sources,
 * cross-check). Flow: provider → cache → engine → snapshot → storage → views. The worker stores it as
 * one item; the badge, the toolbar and the popup read it instead of running the engine themselves.
 */
import { catchUp, evaluateDay } from '../engine/evaluate';
import type { HysteresisState } from '../phase/hysteresis';
import { addDays, toDay } from '../series/dates';
import type { Day, Series, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiHistory } from '../signals/asi-history';
import { SNAPSHOT_VERSION, type CompactSeries, type PhaseLogEntry, type Snapshot } from './types';

export interface BuildInput {
  set: SeriesSet;
  settings: Settings;
  now: number;
  hysteresis: HysteresisState;
  sources: Snapshot['sources'];
  served: Snapshot['served'];
  crossCheck: Snapshot['crossCheck'];
  /** The last ETF flows request's failure, or null (absent: none recorded). */
  etfFlowsError?: Snapshot['etfFlowsError'];
}

const SPARK_DAYS = 90;
/**
 * Evaluates today (UTC) from the cached series and assembles the snapshot. Returns the stage change,
 * if any, for the phase log (today's, else the latest one on a day caught up). Pure: time comes in as `now`.
 */
export function buildSnapshot(x: BuildInput): { snapshot: Snapshot; change: PhaseLogEntry | null } {
  const today = toDay(x.now);
  const missed = catchUp(x.set, x.settings, x.hysteresis, today);
  const step = evaluateDay(x.set, x.settings, today, today, missed.hysteresis);
  const from = addDays(today, -SPARK_DAYS);
  const tail = (s: Series | undefined): CompactSeries =>
    s ? s.points.filter((p) => p.date > from && p.date <= today).map((p) => [p.date, p.value]) : [];
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    computedAt: x.now,
    evaluation: step.evaluation,
    hysteresis: step.hysteresis,
    sparklines: {
      rut: tail(x.set.rut),
      asi: asiHistory(x.set.coins, x.settings, from, today).map((p) => [p.date, p.value]),
      dominance: tail(x.set.btcDominance),
    },
    served: x.served,
    sources: x.sources,
    crossCheck: x.crossCheck,
    etfFlowsError: x.etfFlowsError ?? null,
  };
  const last = step.change ?? missed.change;
  const change = last ? { ...last, at: x.now } : null;
  return { snapshot, change };
}

/**
 * The log after an evaluation of `day`: that day's entry is replaced by this evaluation's change (or
 * removed when it no longer changes anything), because evaluating a day again replaces its hysteresis
 * step. Hourly refreshes and settings changes therefore never log one change twice. Bounded, oldest
 * dropped first. Returns null when nothing changes (no write needed).
 */
export function logForDay(
  log: readonly PhaseLogEntry[],
  day: Day,
  change: PhaseLogEntry | null,
  max = 200,
): PhaseLogEntry[] | null {
  const kept = log.filter((e) => e.day !== day);
  if (!change && kept.length === log.length) return null;
  const next = change ? [...kept, change] : kept;
  return next.length > max ? next.slice(next.length - max) : next;
}
