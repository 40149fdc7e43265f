import { isDay } from '../series/dates';
import type { Day } from '../series/types';
import type { Horizon, MetricId, Outcome } from './types';

/*
 * The forward log's stored shape and its reader (lib/evidence/live-log.ts fills it), apart from the
 * rest so the storage items and the popup can name it without the evidence computation.
 */

/** `flows-rotation` is a typed slot: its detector comes with the ETF-flows work. */
export const LIVE_KINDS = ['breakout', 'weekly', 'setup-on', 'stage-change', 'flows-rotation'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

/** What the badge showed when the event was recorded (null: unknown then). */
export interface LiveValues {
  asOf: Day;
  rut: number | null;
  asi: number | null;
  dominance: number | null;
  ethbtc: number | null;
  total3: number | null;
  stage: string | null;
}

export interface LiveEvent {
  kind: LiveKind;
  /** The event's own day: the breakout close, the confirming week's last close, the evaluation day of a change. */
  day: Day;
  /** When it was recorded (epoch ms). */
  at: number;
  /** A stage change's old and new stage. */
  detail: { from?: string; to?: string };
  values: LiveValues;
  /**
   * Outcomes once settled: known, or unknown for good (the horizon passed a week ago and the caches
   * cannot tell). A horizon absent here is pending.
   */
  outcomes: Partial<Record<MetricId, Partial<Record<Horizon, Outcome>>>>;
}

export const LIVE_LOG_VERSION = 1;

export interface LiveLog {
  version: typeof LIVE_LOG_VERSION;
  /** The install day: events before it are history, not part of this log. */
  since: Day | null;
  events: LiveEvent[];
}

export const emptyLiveLog = (): LiveLog => ({ version: LIVE_LOG_VERSION, since: null, events: [] });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored value read defensively: a corrupt log starts over empty, a malformed event is dropped. */
export function normalizeLiveLog(raw: unknown): LiveLog {
  if (!isObj(raw) || raw.version !== LIVE_LOG_VERSION || !Array.isArray(raw.events)) return emptyLiveLog();
  const events = raw.events.filter(
    (e): e is LiveEvent =>
      isObj(e) &&
      (LIVE_KINDS as readonly unknown[]).includes(e.kind) &&
      typeof e.day === 'string' &&
      isDay(e.day) &&
      isObj(e.values) &&
      isObj(e.outcomes) &&
      isObj(e.detail),
  );
  return {
    version: LIVE_LOG_VERSION,
    since: typeof raw.since === 'string' && isDay(raw.since) ? raw.since : null,
    events,
  };
}
