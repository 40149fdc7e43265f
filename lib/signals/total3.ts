import { addDays } from '../series/dates';
import { pointWithin, upTo } from '../series/lookup';
import type { Day, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import { freshness, pctChange, type SignalBase } from './signal';

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
  const pts = upTo(series.points, day);
  const last = pts[pts.length - 1];
  if (!last) return null;
  const from = addDays(last.date, -s.changeDays);
  const start = pointWithin(pts, from, s.toleranceDays);
  const change30Pct = start ? pctChange(start.value, last.value) : null;
  const btcEnd = btc ? pointWithin(btc.points, last.date, s.toleranceDays) : undefined;
  const btcStart = btc ? pointWithin(btc.points, from, s.toleranceDays) : undefined;
  const btcChange30Pct = btcEnd && btcStart ? pctChange(btcStart.value, btcEnd.value) : null;
  return {
    value: last.value,
    asOf: last.date,
    source: series.source,
    ...freshness(last.date, today, maxAgeDays),
    change30Pct,
    btcChange30Pct,
    expandingFaster: change30Pct === null || btcChange30Pct === null ? null : change30Pct > btcChange30Pct,
  };
}
