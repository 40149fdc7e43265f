/*
 * Signals (SIGNALS.md §3): every signal as of one day, each computed in the file named for it.
 * Flow: provider → cache → engine (signals → phase rules → hysteresis) → snapshot → storage → views.
 * Reads only daily series and settings, never the phase or the engine above it, so the CLI, the
 * evidence and the badge all see the same numbers.
 */
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiSignal, type AsiResult } from './asi';
import { dominanceSignal, type DominanceSignal } from './dominance';
import { etfFlowsSignal, type EtfFlowsSignal } from './etf-flows';
import { ethbtcSignal, type EthBtcSignal } from './ethbtc';
import { fearGreedSignal, type FearGreedSignal } from './fear-greed';
import { russellSignal, type RussellSignal } from './russell';
import { total3Signal, type Total3Signal } from './total3';

/** Every signal as of one day; null where the series is absent or has nothing on or before the day. */
export interface Signals {
  russell: RussellSignal | null;
  asi: AsiResult | null;
  dominance: DominanceSignal | null;
  ethbtc: EthBtcSignal | null;
  total3: Total3Signal | null;
  fearGreed: FearGreedSignal | null;
  /** US spot BTC and ETH ETF flows: a confirmation beside the stage, never one of its rules. */
  etfFlows: EtfFlowsSignal | null;
}

/**
 * Computes the signals from the series as of `day`. `today` is the reference for staleness: the
 * same day for a historical evaluation, the current UTC day in the extension.
 */
export function computeSignals(set: SeriesSet, s: Settings, day: Day, today: Day): Signals {
  const crypto = s.staleness.cryptoMaxAgeDays;
  return {
    russell: set.rut ? russellSignal(set.rut, day, today, s.russell, s.staleness.russellMaxAgeDays) : null,
    asi: set.coins ? asiSignal(set.coins, day, today, s.asi, crypto) : null,
    dominance: set.btcDominance ? dominanceSignal(set.btcDominance, day, today, s.dominance, crypto) : null,
    ethbtc: set.ethbtc ? ethbtcSignal(set.ethbtc, day, today, s.ethbtc, crypto) : null,
    total3: set.total3 ? total3Signal(set.total3, set.coins?.BTC?.closes, day, today, s.total3, crypto) : null,
    fearGreed: set.fearGreed ? fearGreedSignal(set.fearGreed, day, today, s.fearGreed, crypto) : null,
    etfFlows: etfFlowsSignal(set.etfFlowsBtc, set.etfFlowsEth, day, today, s.etfFlows, s.staleness.etfFlowsMaxAgeDays),
  };
}
