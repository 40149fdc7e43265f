import type { ThesisReport } from './thesis-report';

/**
 * The thesis as computed from the shipped data (docs/EVIDENCE.md's tables), for the popup's Evidence
 * tab: the extension's caches hold neither the published ASI nor the long dominance and TOTAL3 series,
 * so the tab shows these results, labelled as computed once from those files, beside its own log.
 * test/unit/evidence/history.test.ts recomputes them and fails when history.json differs.
 */
export interface EvidenceHistory {
  /** How it was computed (the CLI command on the shipped data). */
  command: string;
  thesis: ThesisReport['thesis'];
  macd: ThesisReport['macd'];
  missing: string[];
}

export const HISTORY_COMMAND =
  'npm run regime -- evidence --series test/fixtures/real/series-full --rut test/fixtures/real/series/rut-long.csv ' +
  '--macro test/fixtures/real/macro --market test/fixtures/real/raw/yahoo-chart/SPY.json';

export function historyOf(r: ThesisReport): EvidenceHistory {
  return { command: HISTORY_COMMAND, thesis: r.thesis, macd: r.macd, missing: r.missing };
}
