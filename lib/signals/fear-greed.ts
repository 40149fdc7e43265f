import { upTo } from '../series/lookup';
import type { Day, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import { freshness, type SignalBase } from './signal';

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
  const pts = upTo(series.points, day);
  const last = pts[pts.length - 1];
  if (!last) return null;
  return {
    value: last.value,
    asOf: last.date,
    source: series.source,
    ...freshness(last.date, today, maxAgeDays),
    band: fearGreedBand(last.value, s),
  };
}
