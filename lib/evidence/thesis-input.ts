import type { SeriesSet, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { AsiDaily } from './asi-path';
import type { SourcedSeries } from './claims';
import { toleranceOf } from './forward';
import { splice, type Splice } from './splice';
import type { ThesisInput } from './thesis';

/** Longer published histories by family (each series one provider, named by its source). */
export interface MacroSeries {
  asi: Series[];
  dominance: Series[];
  total3: Series[];
}

const sourced = (s: Series): SourcedSeries => ({ points: s.points, source: s.source, tol: toleranceOf(s.points) });

/**
 * Our daily ASI where it counted at least 80 % of the universe it aims at (the ASI's coverage rule,
 * SIGNALS.md §3): on days with fewer coins it would answer for a handful of them.
 */
export function ownAsi(a: AsiDaily, s: Settings): SourcedSeries {
  const min = Math.ceil(0.8 * s.asi.topN);
  const points = [...a.values.entries()]
    .filter(([d]) => (a.counted.get(d) ?? 0) >= min)
    .map(([date, value]) => ({ date, value }))
    .sort((x, y) => (x.date < y.date ? -1 : 1));
  return { points, source: `our ${a.source} (days with ≥ ${min} coins)`, tol: 3 };
}

/**
 * What the thesis is tested on: the published series where given, else the series directory's own;
 * our ASI beside the published one (each window uses one of them, never both).
 */
export function thesisInput(
  set: SeriesSet,
  macro: MacroSeries,
  asi: AsiDaily | null,
  settings: Settings,
  others: ThesisInput['others'] = [],
): ThesisInput | null {
  if (!set.rut?.points.length) return null;
  const pick = (given: Series[], own: Series | undefined) => (given.length ? given : own ? [own] : []).map(sourced);
  const own = asi ? ownAsi(asi, settings) : null;
  return {
    russell: set.rut,
    asi: [...macro.asi.map(sourced), ...(own && own.points.length ? [own] : [])],
    dominance: pick(macro.dominance, set.btcDominance),
    total3: pick(macro.total3, set.total3),
    others,
  };
}

/** Points further apart than this disagree: CMC's weekly chart and daily quotes agree within 0.01. */
const JOIN_TOLERANCE_POINTS = 0.1;

/**
 * One dominance history for the monthly MACD, which needs every month: two series of the same
 * provider are joined only when they agree on the days both have; otherwise the longer one alone.
 */
export function dominanceHistory(
  list: readonly SourcedSeries[],
): { series: SourcedSeries; join: Splice | null } | null {
  const sorted = [...list]
    .filter((s) => s.points.length)
    .sort((a, b) => (a.points[0]!.date < b.points[0]!.date ? -1 : 1));
  if (sorted.length === 0) return null;
  if (sorted.length === 2) {
    const j = splice(sorted[0]!, sorted[1]!);
    if (j.overlap.days > 0 && j.overlap.maxAbsDiff! <= JOIN_TOLERANCE_POINTS) return { series: j.series, join: j };
  }
  const longest = [...sorted].sort((a, b) => b.points.length - a.points.length)[0]!;
  return { series: longest, join: null };
}
