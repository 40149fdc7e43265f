import type { Point } from '../series/types';
import type { SourcedSeries } from './claims';

export interface Splice {
  series: SourcedSeries;
  /** Days both series have, and their largest absolute difference there (the check that allows the join). */
  overlap: { days: number; maxAbsDiff: number | null };
}

/**
 * One provider's two histories as one series (CMC's weekly dominance chart, then its daily quotes):
 * the older one's points before the newer one starts, the newer one's from its first day. Only for
 * series of the same provider and definition: the overlap says how closely they agree.
 */
export function splice(older: SourcedSeries, newer: SourcedSeries): Splice {
  const start = newer.points[0]?.date ?? '9999-12-31';
  const byDay = new Map(newer.points.map((p) => [p.date, p.value]));
  let days = 0;
  let maxAbsDiff: number | null = null;
  for (const p of older.points) {
    const v = byDay.get(p.date);
    if (v === undefined) continue;
    days++;
    maxAbsDiff = Math.max(maxAbsDiff ?? 0, Math.abs(v - p.value));
  }
  const points: Point[] = [...older.points.filter((p) => p.date < start), ...newer.points];
  return {
    series: {
      points,
      source: `${older.source} before ${start}, then ${newer.source}`,
      tol: Math.max(older.tol, newer.tol),
    },
    overlap: { days, maxAbsDiff },
  };
}
