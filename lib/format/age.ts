import { daysBetween, toDay } from '../series/dates';
import type { Day } from '../series/types';

/**
 * Whole days from a data day to the reader's today (UTC), never below 0. Ages shown beside a fetch time must count
 * to the same now: the engine's own ages count to the evaluation day, and a popup opened long after it read
 * "data of Sep 19 (today)" beside "fetched 438 days ago".
 */
export function ageDaysAt(asOf: Day, now: number): number {
  return Math.max(0, daysBetween(asOf, toDay(now)));
}
