import type { Evaluation } from '../engine/evaluate';
import type { HysteresisState, StageChange } from '../phase/hysteresis';
import type { Reason } from '../phase/reasons';
import type { Day } from '../series/types';

/**
 * 2: tri-state setup and flags, the spill-over window as its own fact and the thesis clock (a version 1
 * snapshot is dropped by the storage migration and evaluated again from the caches, without a request).
 */
export const SNAPSHOT_VERSION = 2;

/** Status of one provider as the last refresh left it. */
export interface SourceStatus {
  lastSuccess: number | null;
  lastError: { at: number; kind: string; message: string } | null;
}

/** A compact daily series for sparklines and charts: [day, value] pairs, ascending. */
export type CompactSeries = [Day, number][];

/**
 * The one object the worker writes and every view reads (the data bus). Replaced whole on every
 * refresh and validated on read; the newest good one is kept when a refresh fails.
 */
export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  /** When the snapshot was computed (epoch ms). */
  computedAt: number;
  evaluation: Evaluation;
  hysteresis: HysteresisState;
  /** The last 90 days of the lines shown in the mini-panel. */
  sparklines: { rut: CompactSeries; asi: CompactSeries; dominance: CompactSeries };
  /** Which provider served each signal, and when its data was fetched. */
  served: Partial<
    Record<
      | 'russell'
      | 'coins'
      | 'universe'
      | 'dominance'
      | 'ethbtc'
      | 'total3'
      | 'fearGreed'
      | 'crossCheck'
      | 'etfFlowsBtc'
      | 'etfFlowsEth',
      { provider: string; fetchedAt: number }
    >
  >;
  sources: Record<string, SourceStatus>;
  /** CoinMarketCap's own altcoin-season value, shown beside ours, never mixed in. */
  crossCheck: { cmcAsi: number; asOf: Day } | null;
  /**
   * Why the ETF flows are not current: the last failed attempt since their newest session, or null when the
   * last attempt answered. Absent in snapshots written before ETF flows existed.
   */
  etfFlowsError?: { at: number; kind: string; message: string } | null;
}

/** One logged stage change (bounded log, newest last). */
export interface PhaseLogEntry extends StageChange {
  at: number;
  reasons: Reason[];
}
