import type { CoinSeries, Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiSignal, type UniverseBasis } from './asi';

/** The ASI of one past day, with what the views name beside it. */
export interface AsiDay {
  date: Day;
  value: number;
  /** The providers of the coins counted that day, e.g. "Binance closes, 48 coins". */
  source: string;
  universe: UniverseBasis;
}

/**
 * The ASI history (SIGNALS.md §3): the same rule as today's on every BTC close day in (from, to],
 * a bound left out is open. Only close days: another day would repeat the previous close day's
 * value. A day whose ASI is unknown is left out (a gap, never a 0). The one loop behind the
 * snapshot's sparkline, the popup's chart and the evidence.
 */
export function asiHistory(coins: Record<string, CoinSeries> | undefined, s: Settings, from?: Day, to?: Day): AsiDay[] {
  const out: AsiDay[] = [];
  for (const p of coins?.BTC?.closes.points ?? []) {
    if ((from !== undefined && p.date <= from) || (to !== undefined && p.date > to)) continue;
    const r = asiSignal(coins, p.date, p.date, s.asi, s.staleness.cryptoMaxAgeDays);
    if (r.value === null || r.asOf !== p.date) continue;
    out.push({ date: p.date, value: r.value, source: r.source, universe: r.universe });
  }
  return out;
}
