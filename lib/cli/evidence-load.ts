import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MacroSeries } from '../evidence/thesis-input';
import { parseSeriesCsv, SeriesError, type ColumnSpec } from '../series/csv';
import type { Series } from '../series/types';
import { parseYahooChart } from '../sources/yahoo';
import { UsageError } from './args';

const PERCENT: ColumnSpec = { value: 'value', min: 0, max: 100 };
const POSITIVE: ColumnSpec = { value: 'value', min: 0, minExclusive: true };

/**
 * The longer published series of `--macro DIR` (test/fixtures/real/macro, see its PROVENANCE.md), each
 * named for its provider: providers define dominance and TOTAL3 over different coins, so each stays
 * one series, labelled, and a window is measured in one of them only.
 */
export const MACRO_FILES: Record<keyof MacroSeries, { file: string; label: string; spec: ColumnSpec }[]> = {
  asi: [{ file: 'asi-blockchaincenter-90d.csv', label: "blockchaincenter.net's published 90-day ASI", spec: PERCENT }],
  dominance: [
    { file: 'btc-dominance-cmc-weekly.csv', label: 'CMC BTC dominance, weekly', spec: PERCENT },
    { file: 'btc-dominance-cmc-daily.csv', label: 'CMC BTC dominance, daily', spec: PERCENT },
  ],
  total3: [
    { file: 'total3-coingecko.csv', label: 'CoinGecko TOTAL3', spec: POSITIVE },
    { file: 'total3-cmc-daily.csv', label: 'CMC TOTAL3, daily', spec: POSITIVE },
  ],
};

/** Reads the files of MACRO_FILES that exist in `dir`; the missing ones are listed, not filled. */
export function loadMacroDir(dir: string): MacroSeries & { missing: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--macro ${dir}: directory not found`);
  const out: MacroSeries & { missing: string[] } = { asi: [], dominance: [], total3: [], missing: [] };
  for (const [family, files] of Object.entries(MACRO_FILES) as [keyof MacroSeries, (typeof MACRO_FILES)['asi']][]) {
    for (const f of files) {
      const path = join(dir, f.file);
      if (!existsSync(path)) {
        out.missing.push(f.file);
        continue;
      }
      const s = parseSeriesCsv(readFileSync(path, 'utf8'), f.file, f.spec, `${f.label} (${f.file})`).series;
      out[family].push(s);
    }
  }
  return out;
}

/**
 * Another market's daily closes from a recorded Yahoo chart response, read by the extension's own
 * parser as of the moment it was recorded (`regularMarketTime`), so a bar still trading then is dropped.
 */
export function loadMarket(file: string): { name: string; series: Series } {
  if (!existsSync(file)) throw new UsageError(`--market ${file}: file not found`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SeriesError(`${basename(file)}: not JSON`);
  }
  const meta = (json as { chart?: { result?: { meta?: { symbol?: string; regularMarketTime?: number } }[] } })?.chart
    ?.result?.[0]?.meta;
  const symbol = meta?.symbol ?? basename(file, '.json');
  const recorded = typeof meta?.regularMarketTime === 'number' ? meta.regularMarketTime * 1000 : Date.now();
  const r = parseYahooChart(json, { now: recorded, symbol });
  if (!r.ok) throw new SeriesError(`${basename(file)}: ${r.error.message}`);
  return { name: symbol, series: { ...r.value.series, source: `${r.value.series.source} (${basename(file)})` } };
}
