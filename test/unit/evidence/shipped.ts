/**
 * The shipped data as `regime evidence` reads it for docs/EVIDENCE.md and the popup's history
 * (lib/evidence/history.json): series-full, the Yahoo Russell since 1999, the macro series and SPY.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMacroDir, loadMarket } from '../../../lib/cli/evidence-load';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { thesisReport, type ThesisReport } from '../../../lib/evidence/thesis-report';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { SERIES_FILES } from '../../../lib/series/files';
import { defaultSettings } from '../../../lib/settings/defaults';
import { REAL, REPO_ROOT } from '../../support/paths';

const rel = (p: string) => p.slice(REPO_ROOT.length + 1);
export const SHIPPED = {
  series: join(REAL, 'series-full'),
  rut: join(REAL, 'series/rut-long.csv'),
  macro: join(REAL, 'macro'),
  market: join(REAL, 'raw/yahoo-chart/SPY.json'),
};
/** The CLI arguments, relative to the repository (as docs/EVIDENCE.md prints them). */
export const SHIPPED_ARGS = [
  '--series',
  rel(SHIPPED.series),
  '--rut',
  rel(SHIPPED.rut),
  '--macro',
  rel(SHIPPED.macro),
  '--market',
  rel(SHIPPED.market),
];

export function shippedReport(): ThesisReport {
  const set = loadSeriesDir(SHIPPED.series);
  set.rut = parseSeriesCsv(readFileSync(SHIPPED.rut, 'utf8'), 'rut-long.csv', SERIES_FILES.rut.spec).series;
  return thesisReport(set, loadMacroDir(SHIPPED.macro), [loadMarket(SHIPPED.market)], defaultSettings())!;
}
