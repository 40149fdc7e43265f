import { addDays } from '../series/dates';
import { pointWithin } from '../series/lookup';
import type { Day, Series } from '../series/types';
import { sma } from '../indicators/sma';
import type { Settings } from '../settings/defaults';
import { latestOf, pctChange, type SignalBase } from './signal';

export interface EthBtcSignal extends SignalBase {
  change30Pct: number | null;
  sma50: number | null;
  sma200: number | null;
  aboveSma50: boolean | null;
  aboveSma200: boolean | null;
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
  return {
    ...at.base,
    change30Pct: start ? pctChange(start.value, last.value) : null,
    sma50,
    sma200,
    aboveSma50: sma50 === null ? null : last.value > sma50,
    aboveSma200: sma200 === null ? null : last.value > sma200,
  };
}
