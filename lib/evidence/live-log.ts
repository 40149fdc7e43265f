import { addDays, toDay } from '../series/dates';
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import { outcome, outcomeInputs, type OutcomeInputs } from './outcomes';
import { normalizeLiveLog, type LiveEvent, type LiveLog, type LiveValues } from './live-log-types';
import { HORIZONS, METRICS, type Horizon, type MetricId, type Outcome } from './types';

export * from './live-log-types';

/*
 * The forward log (issue #19): what the extension saw happen from its install on, and what followed.
 * History can be fitted after the fact; this log cannot: each event is written the day it is seen,
 * with the values of that day, and its outcomes are filled in from the caches as the days pass.
 */

/** Bounded: a few events a month at most; the oldest go first. */
export const MAX_LIVE_EVENTS = 200;
/** Days after a horizon before "the caches cannot tell" becomes final (late data still counts within them). */
export const SETTLE_DAYS = 7;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function valuesOf(s: Snapshot): LiveValues {
  const e = s.evaluation;
  return {
    asOf: e.asOf,
    rut: num(e.russell?.value),
    asi: num(e.asi?.value),
    dominance: num(e.dominance?.value),
    ethbtc: num(e.ethbtc?.value),
    total3: num(e.total3?.value),
    stage: e.phase?.stage ?? null,
  };
}

/**
 * The events `next` shows that the log lacks: a breakout or weekly confirmation dated on or after the
 * install day, setup turning on, a stage change between two known stages. Each once (same kind, day
 * and new stage).
 */
export function recordLiveEvents(log: LiveLog, previous: Snapshot | null, next: Snapshot | null, now: number): LiveLog {
  const since = log.since ?? toDay(now);
  if (!next) return { ...log, since };
  const found: Omit<LiveEvent, 'at' | 'values' | 'outcomes'>[] = [];
  const ru = next.evaluation.russell;
  if (ru?.lastBreakoutDate && ru.lastBreakoutDate >= since)
    found.push({ kind: 'breakout', day: ru.lastBreakoutDate, detail: {} });
  if (ru?.weeklyConfirmed && ru.weeklyConfirmedSince && ru.weeklyConfirmedSince >= since)
    found.push({ kind: 'weekly', day: ru.weeklyConfirmedSince, detail: {} });
  const day = next.evaluation.asOf;
  const before = previous?.evaluation.phase;
  const after = next.evaluation.phase;
  // no → yes only: from unknown, the setup may have held before (SIGNALS.md §4 tri-state)
  if (before?.setup?.state === 'no' && after.setup.state === 'yes' && day >= since)
    found.push({ kind: 'setup-on', day, detail: {} });
  if (before && before.stage !== after.stage && before.stage !== 'unknown' && after.stage !== 'unknown' && day >= since)
    found.push({ kind: 'stage-change', day, detail: { from: before.stage, to: after.stage } });
  const key = (e: { kind: string; day: Day; detail: { to?: string } }) => `${e.kind}|${e.day}|${e.detail.to ?? ''}`;
  const have = new Set(log.events.map(key));
  const added = found
    .filter((e) => !have.has(key(e)))
    .map((e): LiveEvent => ({ ...e, at: now, values: valuesOf(next), outcomes: {} }));
  if (added.length === 0) return { ...log, since };
  return { ...log, since, events: [...log.events, ...added].slice(-MAX_LIVE_EVENTS) };
}

const settled = (o: Outcome | undefined) => o !== undefined && o.status !== 'pending';

/**
 * Fills in the outcomes whose horizon has passed, from the caches' series by the same rules as the
 * history (lib/evidence/outcomes.ts). Known outcomes are kept for good (the caches later drop old
 * days); one the caches still cannot tell `SETTLE_DAYS` after its horizon is kept as unknown, with
 * why, so it is not computed again on every refresh. `series` is only read when something is due
 * (building it reads the whole cache).
 */
export function fillLiveOutcomes(
  log: LiveLog,
  series: () => SeriesSet | null,
  settings: Settings,
  now: number,
): LiveLog {
  const today = toDay(now);
  const due = (e: LiveEvent, m: MetricId, h: Horizon) => addDays(e.day, h) <= today && !settled(e.outcomes[m]?.[h]);
  if (!log.events.some((e) => METRICS.some((m) => HORIZONS.some((h) => due(e, m, h))))) return log;
  const set = series();
  if (!set) return log;
  let x: OutcomeInputs | null = null;
  const events = log.events.map((e) => {
    let outcomes = e.outcomes;
    for (const m of METRICS) {
      for (const h of HORIZONS) {
        if (!due(e, m, h)) continue;
        x ??= outcomeInputs(set, settings, settings.asi.toleranceDays);
        const o = outcome(x, m, e.day, h);
        const late = addDays(e.day, h + SETTLE_DAYS) < today;
        if (o.status === 'known') outcomes = { ...outcomes, [m]: { ...outcomes[m], [h]: o } };
        else if (late) {
          const why = `${o.why} (${SETTLE_DAYS} days after the horizon)`;
          outcomes = { ...outcomes, [m]: { ...outcomes[m], [h]: { status: 'unknown', why } } };
        }
      }
    }
    return outcomes === e.outcomes ? e : { ...e, outcomes };
  });
  return { ...log, events };
}

/** The log after one refresh: new events recorded, due outcomes filled in. Pure; the worker stores it. */
export function updateLiveLog(
  raw: unknown,
  x: {
    previous: Snapshot | null;
    next: Snapshot | null;
    series: () => SeriesSet | null;
    settings: Settings;
    now: number;
  },
): LiveLog {
  const log = recordLiveEvents(normalizeLiveLog(raw), x.previous, x.next, x.now);
  return fillLiveOutcomes(log, x.series, x.settings, x.now);
}
