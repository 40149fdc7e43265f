/*
 * The stored stage history: one confirmed stage per day for the last year, kept beside the snapshot for the
 * badge's 30-day strip and the popup's 365-day ribbon. Built once from the caches (with the CLI's warm-up),
 * then extended incrementally: a new day costs one or two evaluations, not a year's.
 */
import { evaluateDay, stageHistory } from '../engine/evaluate';
import { EMPTY_HYSTERESIS, type HysteresisState } from '../phase/hysteresis';
import type { Stage } from '../phase/stage';
import { addDays, daysBetween } from '../series/dates';
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';

export const STAGE_HISTORY_VERSION = 1;
/** Days kept: the popup's ribbon is a year. */
export const STAGE_HISTORY_DAYS = 365;
/** Further back than this, extending replays more than a rebuild would cost: rebuild. */
const MAX_GAP_DAYS = 60;

export interface StageHistoryDay {
  date: Day;
  stage: Stage;
  asi: number | null;
}

export interface StageHistory {
  v: typeof STAGE_HISTORY_VERSION;
  /** The settings the stages were computed with: other settings mean other stages, so a rebuild. */
  key: string;
  /** Oldest first, one per calendar day, the last one the day last evaluated. */
  days: StageHistoryDay[];
  /** The hysteresis after the last day (it carries the state before it, so that day can be evaluated again). */
  state: HysteresisState;
}

/** The settings that decide a day's stage; the alert, site, badge and refresh settings do not. */
export function stageHistoryKey(s: Settings): string {
  const { alerts: _a, sites: _s, refresh: _r, badge: _b, ...engine } = s;
  return JSON.stringify(engine);
}

/** A stored value of the current shape for these settings, or null (to rebuild). */
function usable(v: unknown, key: string): StageHistory | null {
  const h = v as StageHistory | null;
  if (!h || typeof h !== 'object' || h.v !== STAGE_HISTORY_VERSION || h.key !== key) return null;
  if (!Array.isArray(h.days) || h.days.length === 0 || !h.state || typeof h.state !== 'object') return null;
  return h;
}

/**
 * The history through `today`: the stored one extended by the days since its last day (that day evaluated
 * again, its data may have grown since), or built anew over `keep` days when there is none, the settings
 * changed or the gap is too long. Each day is evaluated as of itself, like the CLI's `--history`.
 */
export function extendStageHistory(
  stored: unknown,
  set: SeriesSet,
  settings: Settings,
  today: Day,
  keep = STAGE_HISTORY_DAYS,
): { history: StageHistory; evaluated: number } {
  const key = stageHistoryKey(settings);
  const prev = usable(stored, key);
  const last = prev?.days[prev.days.length - 1]?.date;
  if (!prev || !last || last > today || daysBetween(last, today) > MAX_GAP_DAYS) {
    const built = stageHistory(set, settings, addDays(today, -(keep - 1)), today);
    const state = built.last?.hysteresis ?? EMPTY_HYSTERESIS;
    const days = built.days.map((d) => ({ date: d.date, stage: d.stage, asi: d.asi }));
    return { history: { v: STAGE_HISTORY_VERSION, key, days, state }, evaluated: built.days.length + 60 };
  }
  const days = prev.days.slice(0, -1);
  let state = prev.state;
  let evaluated = 0;
  for (let d = last; d <= today; d = addDays(d, 1)) {
    const step = evaluateDay(set, settings, d, d, state);
    state = step.hysteresis;
    evaluated++;
    const asi = step.evaluation.asi;
    days.push({ date: d, stage: step.evaluation.phase.stage, asi: asi && asi.value !== null ? asi.value : null });
  }
  const from = addDays(today, -(keep - 1));
  return { history: { v: STAGE_HISTORY_VERSION, key, days: days.filter((d) => d.date >= from), state }, evaluated };
}
