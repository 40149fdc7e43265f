import type { Day } from '../series/types';
import { stats } from './stats';

/** Below this many values a median says less than the values themselves: they are shown instead. */
export const MIN_FOR_MEDIAN = 5;

export type Sample =
  | { kind: 'stats'; n: number; median: number; p25: number; p75: number }
  | { kind: 'events'; n: number; events: { date: Day; value: number }[] };

/** A sample as it should be read: its median and middle half from 5 values on, else each value with its day. */
export function sampleOf(values: readonly { date: Day; value: number }[]): Sample {
  if (values.length < MIN_FOR_MEDIAN) return { kind: 'events', n: values.length, events: [...values] };
  const s = stats(values.map((v) => v.value));
  return { kind: 'stats', n: s.n, median: s.median!, p25: s.p25!, p75: s.p75! };
}
