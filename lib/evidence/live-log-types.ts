import type { Day } from '../series/types';
import type { Horizon, MetricId, Outcome } from './types';

/*
 * The forward log's stored shape (lib/evidence/live-log.ts fills it), apart from its code so the
 * storage items can name it without pulling the evidence computation into every bundle.
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
