import { addDays } from '../series/dates';
import { pointWithin } from '../series/lookup';
import type { Day, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import { latestOf, pctChange, type SignalBase } from './signal';

export interface Total3Signal extends SignalBase {
  change30Pct: number | null;
  btcChange30Pct: number | null;
  /** TOTAL3 grew faster than BTC over the window; null when either change is unknown. */
  expandingFaster: boolean | null;
}

/** TOTAL3 (market cap without BTC and ETH) and its 30-day change against BTC's over the same dates. */
export function total3Signal(
  series: Series,
  btc: Series | undefined,
  day: Day,
  today: Day,
  s: Settings['total3'],
  maxAgeDays: number,
): Total3Signal | null {
  const at = latestOf(series, day, today, maxAgeDays);
  if (!at) return null;
  const { pts, last } = at;
  const from = addDays(last.date, -s.changeDays);
  const start = pointWithin(pts, from, s.toleranceDays);
  const change30Pct = start ? pctChange(start.value, last.value) : null;
  const btcEnd = btc ? pointWithin(btc.points, last.date, s.toleranceDays) : undefined;
  const btcStart = btc ? pointWithin(btc.points, from, s.toleranceDays) : undefined;
  const btcChange30Pct = btcEnd && btcStart ? pctChange(btcStart.value, btcEnd.value) : null;
  return {
    ...at.base,
    change30Pct,
    btcChange30Pct,
    expandingFaster: change30Pct === null || btcChange30Pct === null ? null : change30Pct > btcChange30Pct,
  };
}
