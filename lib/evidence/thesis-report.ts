import type { SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiDaily } from './asi-path';
import { dominanceMacd, type DominanceMacdResult } from './dominance-macd';
import type { Splice } from './splice';
import { computeThesis, THESIS_DEFAULTS, type ThesisInput, type ThesisOptions, type ThesisResult } from './thesis';
import { dominanceHistory, thesisInput, type MacroSeries } from './thesis-input';
import { thesisSummary, type ThesisSummary } from './thesis-summary';

export interface ThesisReport {
  thesis: ThesisResult;
  /** Null without any BTC dominance series. `join`: the two histories joined for it, and how they agree. */
  macd: (DominanceMacdResult & { join: Splice['overlap'] | null }) | null;
  summary: ThesisSummary;
  /** Published series asked for but absent (never filled in). */
  missing: string[];
}

/** Everything `regime evidence` adds to the per-metric tables: the thesis, its controls and the MACD crosses. */
export function thesisReport(
  set: SeriesSet,
  macro: (MacroSeries & { missing?: string[] }) | null,
  others: ThesisInput['others'],
  settings: Settings,
  o: ThesisOptions = THESIS_DEFAULTS,
): ThesisReport | null {
  const m = macro ?? { asi: [], dominance: [], total3: [] };
  const inp = thesisInput(set, m, set.coins ? asiDaily(set.coins, settings) : null, settings, others);
  if (!inp) return null;
  const thesis = computeThesis(inp, o);
  const hist = dominanceHistory(inp.dominance);
  const macd = hist
    ? {
        ...dominanceMacd(hist.series, hist.series.points[hist.series.points.length - 1]!.date, settings.dominance, o),
        join: hist.join?.overlap ?? null,
      }
    : null;
  return { thesis, macd, summary: thesisSummary(thesis, macd), missing: macro?.missing ?? [] };
}
