import type { FlowsEvidence } from './etf-flows';
import type { Day } from '../series/types';
import type { CompactSeries } from '../snapshot/types';

/** Forward horizons in calendar days (the thesis' "3 to 6 months", plus one month). */
export const HORIZONS = [30, 90, 180] as const;
export type Horizon = (typeof HORIZONS)[number];

/**
 * What is measured after a day, each "alts vs BTC" where that applies:
 * - `ethbtc`: ETH/BTC return;
 * - `basketEqual` / `basketCap`: an equal-weight / market-cap-weight basket of the altcoins, priced in BTC;
 * - `dominance`: BTC dominance change in percentage points (a fall favours alts);
 * - `total3`: TOTAL3 priced in BTC;
 * - `asi`: Altcoin Season Index change in points.
 */
export const METRICS = ['ethbtc', 'basketEqual', 'basketCap', 'dominance', 'total3', 'asi'] as const;
export type MetricId = (typeof METRICS)[number];

/** Returns are fractions (0.12 = +12 %); dominance and ASI are points. */
export const METRIC_UNIT: Record<MetricId, 'fraction' | 'points'> = {
  ethbtc: 'fraction',
  basketEqual: 'fraction',
  basketCap: 'fraction',
  dominance: 'points',
  total3: 'fraction',
  asi: 'points',
};

/** Which sign is in altcoins' favour: a rise for everything but BTC dominance. */
export const ALTS_FAVOURED: Record<MetricId, 'up' | 'down'> = {
  ethbtc: 'up',
  basketEqual: 'up',
  basketCap: 'up',
  dominance: 'down',
  total3: 'up',
  asi: 'up',
};

/**
 * One forward outcome. `pending`: the horizon runs past the data (not yet known, never estimated);
 * `unknown`: no data for it (never 0). `why` says which in plain words.
 */
export type Outcome =
  | { status: 'known'; value: number; source: string; from: Day; to: Day; coins?: number }
  | { status: 'pending'; why: string }
  | { status: 'unknown'; why: string };

export type EventKind = 'breakout' | 'weekly';

/** A breakout or weekly confirmation, before its outcomes are measured (lib/evidence/events.ts). */
export interface RussellEvent {
  kind: EventKind;
  /** The Russell close's day: the breakout day, or the last close of the confirming ISO week. */
  date: Day;
  close: number;
  /** The record close the breakout broke (the high before the base), and its day. */
  priorRecord: number;
  priorRecordDate: Day;
  /** Trading days from the prior record to the breakout. */
  baseDays: number;
  /** For a weekly confirmation: the breakout it confirms. */
  breakoutDate: Day;
}

export interface EvidenceEvent extends RussellEvent {
  outcomes: Record<MetricId, Record<Horizon, Outcome>>;
  /** ASI on the event day, at each horizon, and its highest reading up to each horizon (null: unknown). */
  asiPath: { start: number | null; at: Record<Horizon, number | null>; peak: Record<Horizon, number | null> };
}

/** A distribution of known outcomes. Quantiles by linear interpolation; null without any value. */
export interface Stats {
  n: number;
  median: number | null;
  p25: number | null;
  p75: number | null;
  /** Share (0..1) of values strictly above 0. */
  sharePositive: number | null;
}

/** Events of one kind at one horizon, for one metric, beside the base rate over every day. */
export interface MetricSummary {
  events: Stats & {
    /** Outcomes in altcoins' favour (see ALTS_FAVOURED), and not: the misses. */
    hits: number;
    misses: number;
    pending: number;
    unknown: number;
  };
  base: Stats;
}

export interface EvidenceResult {
  russell: { source: string; first: Day; last: Day; closes: number; points: CompactSeries };
  rule: { baseDays: number; horizons: readonly Horizon[]; toleranceDays: number };
  /** Day of the newest data the outcomes could use (the latest end of any outcome series). */
  dataEnd: Day | null;
  events: EvidenceEvent[];
  /** Breakouts whose weekly confirmation has not happened in the data. */
  unconfirmed: Day[];
  summary: Record<EventKind, Record<MetricId, Record<Horizon, MetricSummary>>>;
  /** Sources the outcomes were computed from, per metric (empty when the series is absent). */
  sources: Record<MetricId, string[]>;
  /** ETF flows around the events beside their base rate; null without flow series (absent in older results). */
  etfFlows?: FlowsEvidence | null;
}
