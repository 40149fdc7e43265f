import type { Day } from '../series/types';
import type { AsiResult } from './asi';

/** CoinMarketCap's own altcoin-season index beside ours (SIGNALS.md §6). */
export interface AsiCrossCheck {
  cmc: number;
  cmcAsOf: Day;
  /** Our ASI, null when it is unknown. */
  ours: number | null;
  oursAsOf: Day | null;
  /** CoinMarketCap's value minus ours ("CoinMarketCap: 28 (ours 31, −3)"); null when ours is unknown. */
  diff: number | null;
}

/**
 * The cross-check as the views show it: CoinMarketCap's value, ours and their difference. It is only ever
 * shown beside our ASI, never mixed into it (CoinMarketCap counts its own top 100 with its own rules).
 */
export function asiCrossCheck(
  cmc: { cmcAsi: number; asOf: Day } | null | undefined,
  ours: AsiResult | null | undefined,
): AsiCrossCheck | null {
  if (!cmc) return null;
  const known = ours && ours.value !== null ? ours : null;
  return {
    cmc: cmc.cmcAsi,
    cmcAsOf: cmc.asOf,
    ours: known ? known.value : null,
    oursAsOf: known ? known.asOf : null,
    diff: known ? cmc.cmcAsi - known.value : null,
  };
}
