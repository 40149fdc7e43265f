import type { Day, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import { latestOf, type SignalBase } from './signal';

export type FearGreedBand = 'extreme-fear' | 'fear' | 'neutral' | 'greed' | 'extreme-greed';

export interface FearGreedSignal extends SignalBase {
  band: FearGreedBand;
}

export function fearGreedBand(v: number, s: Settings['fearGreed']): FearGreedBand {
  if (v <= s.extremeFear) return 'extreme-fear';
  if (v <= s.fear) return 'fear';
  if (v <= s.neutral) return 'neutral';
  if (v <= s.greed) return 'greed';
  return 'extreme-greed';
}

export function fearGreedSignal(
  series: Series,
  day: Day,
  today: Day,
  s: Settings['fearGreed'],
  maxAgeDays: number,
): FearGreedSignal | null {
  const at = latestOf(series, day, today, maxAgeDays);
  return at ? { ...at.base, band: fearGreedBand(at.last.value, s) } : null;
}
