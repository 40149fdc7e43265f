import { addDays } from '../series/dates';
import { derivationText, derivationWithin } from '../series/ethbtc';
import { pointWithin } from '../series/lookup';
import type { Day, DayRun, Series } from '../series/types';
import { sma } from '../indicators/sma';
import type { Settings } from '../settings/defaults';
import { latestOf, pctChange, type SignalBase } from './signal';

export interface EthBtcSignal extends SignalBase {
  change30Pct: number | null;
  sma50: number | null;
  sma200: number | null;
  aboveSma50: boolean | null;
  aboveSma200: boolean | null;
  /**
   * The days read (the longest SMA's window and the change's start) whose value was derived from the
   * ETH and BTC closes (SIGNALS.md §2), as runs; empty when every one was the pair's own close. Absent
   * from snapshots stored by older versions.
   */
  derived?: DayRun[];
}

export function ethbtcSignal(
  series: Series,
  day: Day,
  today: Day,
  s: Settings['ethbtc'],
  maxAgeDays: number,
): EthBtcSignal | null {
  const at = latestOf(series, day, today, maxAgeDays);
  if (!at) return null;
  const { pts, last } = at;
  const start = pointWithin(pts, addDays(last.date, -s.changeDays), s.toleranceDays);
  const closes = pts.map((p) => p.value);
  const sma50 = sma(closes, s.smaShort) ?? null;
  const sma200 = sma(closes, s.smaLong) ?? null;
  const firstRead = pts[Math.max(0, pts.length - Math.max(s.smaShort, s.smaLong))]!.date;
  const from = start && start.date < firstRead ? start.date : firstRead;
  const used = derivationWithin(series, from, last.date);
  return {
    ...at.base,
    ...(series.derived ? { source: derivationText(series.derived, used.runs, used.observed) } : {}),
    change30Pct: start ? pctChange(start.value, last.value) : null,
    sma50,
    sma200,
    aboveSma50: sma50 === null ? null : last.value > sma50,
    aboveSma200: sma200 === null ? null : last.value > sma200,
    derived: used.runs,
  };
}
